// Reads one object the way kube's admission plugins read through listers: the informer's copy
// first, a live read only when it holds none (not synced yet, or created a moment ago), as
// NamespaceLifecycle falls back to a live lookup.
import { KubeObject, StatusError } from '@kubenest/apimachinery';
import type { ResourceInterface } from '@kubenest/client';
import type { Lister } from './indexer';

export type ObjectGetter = (namespace: string | undefined, name: string) => Promise<KubeObject | undefined>;

export const listerGetter =
  (lister: Lister, resource: ResourceInterface): ObjectGetter =>
  async (namespace, name) => {
    const held = lister.get(namespace, name);
    if (held) return held;
    try {
      return await resource.get(namespace, name);
    } catch (e) {
      if (StatusError.is(e) && e.code === 404) return undefined;
      throw e;
    }
  };
