// One owner from the attemptToOrphan queue, as kube's attemptToOrphanWorker: every dependent the
// graph knows loses its reference to the owner, then the owner loses its `orphan` finalizer (and,
// with nothing else holding it, goes).
import { finalizerOrphanDependents } from '@kubenest/apimachinery/validation';
import { ObjectWrites } from './object-writes';
import { GraphNode } from './owner-graph';

export const orphanDependents = async (writes: ObjectWrites, owner: GraphNode): Promise<void> => {
  const uid = new Set([owner.identity.uid]);
  const results = await Promise.allSettled(
    [...owner.dependents].map((dep) => writes.removeOwnerReferences(dep.identity, uid)),
  );
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed.length > 0) {
    const reasons = failed.map((r) => (r.reason as Error).message).join('; ');
    throw new Error(`orphaning the dependents of ${owner.identity.kind} ${owner.identity.name} failed: ${reasons}`);
  }
  await writes.removeFinalizer(owner.identity, finalizerOrphanDependents);
};
