// What the replica loops read off a pod, as kube's controller.IsPodActive and podutil's readiness
// and availability: a pod terminating or finished no longer counts as a replica.
import type { Pod } from '@kubenest/api/core/types';

/** Not being deleted, not Succeeded and not Failed. */
export const isPodActive = (pod: Pod): boolean =>
  !pod.metadata.deletionTimestamp && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';

const readyCondition = (pod: Pod) => pod.status?.conditions?.find((c) => c.type === 'Ready');

export const isPodReady = (pod: Pod): boolean => readyCondition(pod)?.status === 'True';

/** When a ready pod became ready (ms since the epoch); undefined when not ready or not said. */
export const podReadySince = (pod: Pod): number | undefined => {
  const condition = readyCondition(pod);
  if (condition?.status !== 'True' || !condition.lastTransitionTime) return undefined;
  return Date.parse(condition.lastTransitionTime);
};

/** Ready for longer than minReadySeconds (at once when it is 0), as podutil.IsPodAvailable. */
export const isPodAvailable = (pod: Pod, minReadySeconds: number, now: number): boolean => {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds === 0) return true;
  const since = podReadySince(pod);
  return since !== undefined && since + minReadySeconds * 1000 < now;
};

export const maxContainerRestarts = (pod: Pod): number =>
  Math.max(0, ...(pod.status?.containerStatuses ?? []).map((s) => s.restartCount ?? 0));
