// The PriorityClasses the Priority admission plugin reads: through the informer's reader the apiserver
// provides (as kube's plugin reads its lister) once it exists, from the watch cache before that, so
// that writes made while the control plane starts are admitted too.
import { ModuleRef } from '@nestjs/core';
import type { PriorityClass } from '@kubenest/api/scheduling';
import { StatusError } from '@kubenest/apimachinery';
import type { PriorityClassReader } from '@kubenest/auth';
import { ResourceStores } from '@kubenest/registry';

/** The token of the informer-backed PriorityClassReader; without one, reads go to the watch cache. */
export const PRIORITY_CLASS_READER = Symbol('priorityClassReader');

const cacheReader = (stores: ResourceStores): PriorityClassReader => {
  const entry = () => stores.byKind('scheduling.k8s.io', 'PriorityClass')!;
  return {
    get: async (name) => {
      try {
        return (await entry().store.get(undefined, name)) as PriorityClass;
      } catch (e) {
        if (StatusError.is(e) && e.code === 404) return undefined;
        throw e;
      }
    },
    list: async () => (await entry().cache.list()).items as PriorityClass[],
  };
};

const provided = (moduleRef: ModuleRef): PriorityClassReader | undefined => {
  try {
    return moduleRef.get<PriorityClassReader>(PRIORITY_CLASS_READER, { strict: false });
  } catch {
    return undefined;
  }
};

/** A reader that resolves, at each read, to the provided one as soon as it exists. */
export const priorityClassReader = (moduleRef: ModuleRef): PriorityClassReader => {
  let reader: PriorityClassReader | undefined;
  const current = (): PriorityClassReader => {
    reader ??= provided(moduleRef);
    return reader ?? cacheReader(moduleRef.get(ResourceStores, { strict: false }));
  };
  return { get: (name) => current().get(name), list: () => current().list() };
};
