// A write made on a fresh read and retried on conflict, as client-go's RetryOnConflict around a Get
// and an Update: the mutation applies to what the server holds now, and a 409 (someone wrote in
// between) reads again.
import { KubeObject, StatusError } from '@kubenest/apimachinery';
import type { ResourceInterface } from '@kubenest/client';

/** client-go's retry.DefaultRetry makes five attempts. */
const ATTEMPTS = 5;

/** Writes what the mutation makes of the current object, through the subresource when one is named. */
export const updateFresh =
  <T extends KubeObject>(resource: ResourceInterface<T>, subresource?: string) =>
  async (namespace: string | undefined, name: string, mutate: (current: T) => void): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      const current = await resource.get(namespace, name);
      mutate(current);
      try {
        return subresource ? await resource.updateSubresource(subresource, current) : await resource.update(current);
      } catch (e) {
        if (attempt >= ATTEMPTS || !(StatusError.is(e) && e.code === 409)) throw e;
      }
    }
  };
