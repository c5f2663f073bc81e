// Evicts a pod whose node's NoExecute taints it does not tolerate, or no longer, as kube's taint
// eviction controller: scheduled for when its toleration runs out (the earliest time seen is kept
// while it stays scheduled, so a swap of taints never postpones it), cancelled with an event when the
// taints go or come to be tolerated for ever, then carried out by `evict`.
import type { Node, Pod } from '@kubenest/api/core/types';
import { ObjectMemory, StepResult } from '../loop';
import { keyOf } from '../queue';
import { evictionTime, noExecuteTaints } from './eviction-time';

export interface EvictTaintedPodDeps {
  nodeOf: (nodeName: string) => Node | undefined;
  evict: (pod: Pod) => Promise<void>;
  /** Told when a scheduled eviction is called off. */
  cancelled: (pod: Pod) => void;
  /** Wall-clock ms, compared with the taints' timeAdded. */
  now: () => number;
  /** Whether the pod of this `namespace/name` key still exists (a lister's getByKey). */
  exists: (key: string) => boolean;
}

export const evictTaintedPod = (deps: EvictTaintedPodDeps) => {
  /** Pod key → the time its eviction is due, while one is scheduled. */
  const scheduled = new ObjectMemory<{ firstSeenMs: number; dueMs: number }>(deps.exists);
  const cancel = (pod: Pod) => {
    if (scheduled.delete(keyOf(pod))) deps.cancelled(pod);
  };
  return async (pod: Pod): Promise<StepResult | void> => {
    // Already on its way out: its deletion is underway.
    if (pod.metadata.deletionTimestamp) return void scheduled.delete(keyOf(pod));
    const nodeName = pod.spec?.nodeName;
    const taints = nodeName ? noExecuteTaints(deps.nodeOf(nodeName)) : [];
    const now = deps.now();
    const previous = scheduled.get(keyOf(pod));
    const time = evictionTime(pod, taints, previous?.firstSeenMs ?? now);
    if (time.kind === 'never') return cancel(pod);
    const dueMs = time.kind === 'now' ? now : Math.min(time.atMs, previous?.dueMs ?? Infinity);
    if (dueMs > now) {
      scheduled.set(keyOf(pod), { firstSeenMs: previous?.firstSeenMs ?? now, dueMs });
      return { requeueAfterMs: dueMs - now };
    }
    scheduled.delete(keyOf(pod));
    await deps.evict(pod);
  };
};
