// One look at a node from the attemptToDelete queue, as kube's attemptToDeleteItem: an object
// whose owners are all gone (or deleting their dependents in the foreground) is deleted; one with
// an owner left loses only its references to the others; an owner deleting in the foreground
// loses its foregroundDeletion finalizer once no dependent blocks it. A node found gone (or
// replaced under its name) leaves the graph through a virtual delete.
import { KubeObject } from '@kubenest/apimachinery';
import { finalizerDeleteDependents, finalizerOrphanDependents } from '@kubenest/apimachinery/validation';
import { ObjectIdentity, OwnerReference, ownerIdentity } from './object-identity';
import { ObjectWrites, PropagationPolicy } from './object-writes';
import { GraphNode, OwnerGraph } from './owner-graph';

/** Not a failure: look again later, with the queue's backoff (a node not yet seen by its informer). */
export class RequeueItem extends Error {
  constructor(id: ObjectIdentity) {
    super(`${id.kind} ${id.name} (${id.uid}) has not been observed yet`);
  }
}

/** A cluster-scoped object naming a namespaced owner: never valid, and never to retry. */
class NamespacedOwnerOfClusterScopedObject extends Error {}

export interface AttemptDeps {
  graph: OwnerGraph;
  writes: ObjectWrites;
  /** Enqueues a node for another look. */
  attemptToDelete(node: GraphNode): void;
}

interface Classified {
  solid: OwnerReference[];
  dangling: OwnerReference[];
  /** Owners being deleted in the foreground, waiting for this object. */
  waiting: OwnerReference[];
}

const hasFinalizer = (obj: KubeObject, finalizer: string): boolean => !!obj.metadata.finalizers?.includes(finalizer);

/** The owner the reference names, or undefined when it is gone or another object has its name. */
const liveOwner = async (deps: AttemptDeps, node: GraphNode, ref: OwnerReference): Promise<KubeObject | undefined> => {
  const absent = deps.graph.absentOwners;
  const namespaced = ownerIdentity(ref, node.identity.namespace);
  const clusterScoped = ownerIdentity(ref, '');
  if (absent.has(clusterScoped) || absent.has(namespaced)) return undefined;
  const { namespaced: ownerIsNamespaced } = deps.writes.locate(namespaced);
  if (ownerIsNamespaced && !node.identity.namespace) throw new NamespacedOwnerOfClusterScopedObject();
  const key = ownerIsNamespaced ? namespaced : clusterScoped;
  const owner = await deps.writes.get(key);
  if (owner?.metadata.uid === ref.uid) return owner;
  absent.add(key);
  return undefined;
};

const classify = async (deps: AttemptDeps, node: GraphNode, refs: OwnerReference[]): Promise<Classified> => {
  const result: Classified = { solid: [], dangling: [], waiting: [] };
  for (const ref of refs) {
    const owner = await liveOwner(deps, node, ref);
    if (!owner) result.dangling.push(ref);
    else if (owner.metadata.deletionTimestamp && hasFinalizer(owner, finalizerDeleteDependents))
      result.waiting.push(ref);
    else result.solid.push(ref);
  }
  return result;
};

/** An owner deleting in the foreground: done once no dependent blocks it; until then its blockers get a look. */
const processDeletingDependents = async (deps: AttemptDeps, node: GraphNode): Promise<void> => {
  const blocking = deps.graph.blockingDependents(node);
  if (blocking.length === 0) return deps.writes.removeFinalizer(node.identity, finalizerDeleteDependents);
  for (const dep of blocking) if (!dep.deletingDependents) deps.attemptToDelete(dep);
};

/** The policy to delete garbage with: the one a GC finalizer already on it asks for, else background. */
const policyFor = (obj: KubeObject): PropagationPolicy => {
  if (hasFinalizer(obj, finalizerOrphanDependents)) return 'Orphan';
  if (hasFinalizer(obj, finalizerDeleteDependents)) return 'Foreground';
  return 'Background';
};

const decide = async (deps: AttemptDeps, node: GraphNode, latest: KubeObject): Promise<void> => {
  if (node.deletingDependents) return processDeletingDependents(deps, node);
  const refs: OwnerReference[] = latest.metadata.ownerReferences ?? [];
  if (refs.length === 0) return;
  const { solid, dangling, waiting } = await classify(deps, node, refs);
  if (solid.length > 0) {
    if (dangling.length === 0 && waiting.length === 0) return;
    // An owner remains: only the references to the others go.
    const gone = new Set([...dangling, ...waiting].map((r) => r.uid));
    return deps.writes.removeOwnerReferences(node.identity, gone);
  }
  if (waiting.length > 0 && node.dependents.size > 0) {
    // A dependent of ours deleting in the foreground too could wait on us while we wait on it.
    const cycle = [...node.dependents].some((d) => d.deletingDependents);
    const unblocked = cycle ? await deps.writes.unblockOwnerReferences(node.identity) : undefined;
    // Our dependents go first, then we do, then our owner can.
    return deps.writes.delete(node.identity, unblocked ?? latest, 'Foreground');
  }
  return deps.writes.delete(node.identity, latest, policyFor(latest));
};

export const attemptToDelete = async (deps: AttemptDeps, node: GraphNode): Promise<void> => {
  // A deletion under way ends with the object's delete event; until then there is nothing to do.
  if (node.beingDeleted && !node.deletingDependents) return;
  const latest = await deps.writes.get(node.identity);
  if (!latest || latest.metadata.uid !== node.identity.uid) {
    return deps.graph.process({ type: 'delete', identity: node.identity, virtual: true });
  }
  try {
    await decide(deps, node, latest);
  } catch (e) {
    if (e instanceof NamespacedOwnerOfClusterScopedObject) return;
    throw e;
  }
  // A node not yet seen by its informer is looked at again until it is: one added and removed
  // while a watch was down would otherwise stay in the graph.
  if (!node.observed) throw new RequeueItem(node.identity);
};
