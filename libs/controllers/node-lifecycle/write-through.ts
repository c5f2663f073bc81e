// The loop's writes, each on a fresh read retried on conflict; an object deleted meanwhile leaves
// nothing to do, as kube's controllers treat a NotFound from their own writes.
import { KubeObject, StatusError } from '@kubenest/apimachinery';
import type { ResourceInterface } from '@kubenest/client';
import { updateFresh } from '../loop';

export const writeThrough =
  <T extends KubeObject>(resource: ResourceInterface<T>, subresource?: string) =>
  async (namespace: string | undefined, name: string, mutate: (current: T) => void): Promise<void> => {
    try {
      await updateFresh(resource, subresource)(namespace, name, mutate);
    } catch (e) {
      if (!(StatusError.is(e) && e.code === 404)) throw e;
    }
  };
