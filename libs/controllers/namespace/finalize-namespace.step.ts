// Step 3 of namespace deletion: once the namespace is empty, take the "kubernetes" finalizer out
// of spec.finalizers through the finalize subresource; the registry then deletes the namespace.
import { namespaceFinalizer } from '@kubenest/api/core/namespace/namespace.strategy';
import type { Namespace } from '@kubenest/api/core/types';

/** Writes spec.finalizers as the mutation leaves them, through the finalize subresource, on a fresh read. */
export type WriteNamespaceFinalizers = (name: string, mutate: (current: Namespace) => void) => Promise<Namespace>;

export const holdsNamespaceFinalizer = (ns: Namespace): boolean =>
  (ns.spec?.finalizers ?? []).includes(namespaceFinalizer);

export const finalizeNamespace =
  (deps: { finalize: WriteNamespaceFinalizers }) =>
  async (ns: Namespace): Promise<void> => {
    if (!holdsNamespaceFinalizer(ns)) return;
    await deps.finalize(ns.metadata.name!, (current) => {
      current.spec = {
        ...current.spec,
        finalizers: (current.spec?.finalizers ?? []).filter((f) => f !== namespaceFinalizer),
      };
    });
  };
