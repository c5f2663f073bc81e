// Test support: the StatusError a call throws, failing the test when it throws none or another error.
import { StatusError } from '../status-error';

export const statusErrorOf = (fn: () => unknown): StatusError => {
  try {
    fn();
  } catch (e) {
    if (StatusError.is(e)) return e;
    throw e;
  }
  throw new Error('expected a StatusError');
};
