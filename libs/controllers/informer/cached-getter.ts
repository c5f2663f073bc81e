// Reads one object the way kube's listers do, from the watch cache, falling back to the store
// while the cache is not ready or has not seen the object yet (it was created a moment ago).
import { KubeObject, StatusError } from '@kubenest/apimachinery';
import { ResourceEntry } from '@kubenest/registry';

export type ObjectGetter = (namespace: string | undefined, name: string) => Promise<KubeObject | undefined>;

export const cachedGetter =
  (entry: ResourceEntry): ObjectGetter =>
  async (namespace, name) => {
    const cached = entry.cache.isReady ? entry.cache.get(entry.store.key(namespace, name)) : undefined;
    if (cached) return cached;
    try {
      return await entry.store.get(namespace, name);
    } catch (e) {
      if (StatusError.is(e) && e.code === 404) return undefined;
      throw e;
    }
  };
