// The resources the garbage collector watches and can act on, as kube's GC finds the deletable
// ones through discovery and maps an ownerReference's apiVersion and kind to a resource through
// its RESTMapper. The server hands them in (they come and go with custom resources).
import type { ResourceRef } from '@kubenest/client';

export interface CollectedResource {
  ref: ResourceRef;
  kind: string;
  namespaced: boolean;
  /** The store serving it: a resource served at several versions is watched once. */
  storage: string;
}

export interface CollectedResources {
  /** Every resource served now that answers list, watch and delete. */
  list(): CollectedResource[];
  /** Calls the listener after resources are added or removed; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}

/** kube's GC leaves events alone (DefaultIgnoredResources). */
const IGNORED = new Set(['/events', 'events.k8s.io/events']);

const isIgnored = (r: CollectedResource): boolean => IGNORED.has(`${r.ref.group}/${r.ref.resource}`);

export const apiVersionOf = (ref: ResourceRef): string => (ref.group ? `${ref.group}/${ref.version}` : ref.version);

/** One resource per store, the first served: the ones to watch. */
export const watchedResources = (resources: CollectedResource[]): CollectedResource[] => {
  const byStorage = new Map<string, CollectedResource>();
  for (const r of resources) if (!isIgnored(r) && !byStorage.has(r.storage)) byStorage.set(r.storage, r);
  return [...byStorage.values()];
};

/** The resource serving an apiVersion and kind, or undefined (kube's restMappingError). */
export type ResourceMapper = (apiVersion: string, kind: string) => CollectedResource | undefined;

export const resourceMapper =
  (resources: () => CollectedResource[]): ResourceMapper =>
  (apiVersion, kind) =>
    resources().find((r) => r.kind === kind && apiVersionOf(r.ref) === apiVersion);
