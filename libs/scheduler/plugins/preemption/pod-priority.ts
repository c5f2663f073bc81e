// How preemption ranks pods, as kube-scheduler's util.MoreImportantPod.
import type { Pod } from '@kubenest/api/core/types';
import { podPriority } from '../../framework/pod-priority';

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
