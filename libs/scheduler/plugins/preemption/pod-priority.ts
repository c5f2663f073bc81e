// How preemption ranks pods, as kube-scheduler's corev1helpers.PodPriority and util.MoreImportantPod.
import type { Pod } from '@kubenest/api/core/types';

/** spec.priority; 0 when unset (a pod created before any PriorityClass defaulted it). */
export const podPriority = (pod: Pod): number => pod.spec?.priority ?? 0;

/** When the pod started, in ms; a pod not started yet (assumed, or bound and starting) counts as starting now. */
export const podStartTime = (pod: Pod, now: number): number => {
  const started = pod.status?.startTime;
  return started ? Date.parse(started) : now;
};

/**
 * Orders pods from the most important to the least: higher priority first, then, at equal
 * priority, the one running longer (its eviction loses more work).
 */
export const byImportance =
  (now: number) =>
  (a: Pod, b: Pod): number =>
    podPriority(b) - podPriority(a) || podStartTime(a, now) - podStartTime(b, now);
