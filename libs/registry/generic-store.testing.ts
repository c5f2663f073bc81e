// Test support for the generic store's specs: the StatusError a call was refused with.
import { StatusError } from '@kubenest/apimachinery';

/** The StatusError the promise rejects with; anything else (or success) fails the test. */
export const statusOf = async (p: Promise<unknown>): Promise<StatusError> => {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!StatusError.is(e)) throw new Error(`expected a StatusError, got ${String(e)}`);
  return e;
};
