// The Recreate strategy, as kube's recreate.go: scale every old ReplicaSet to zero, wait until none
// of their pods runs any more (read through the pod lister), and only then create the new set at
// full size. Pod deletions do not enqueue the Deployment here, so a wait looks again shortly.
import type { Pod } from '@kubenest/api/core/types';
import type { ReplicaSet } from '@kubenest/api/apps/types';
import type { StepResult } from '../loop';
import { replicasOf } from './fenceposts';
import { cleanupHistory } from './history-cleanup';
import { replicaSetsWithRevision } from './new-replica-set';
import { activeReplicaSets, actualCount } from './replica-set-counts';
import { Rollout } from './rollout-context';
import { deploymentComplete, syncRolloutStatus } from './rollout-progress';
import { scaleReplicaSetTo } from './scale-replica-set';

/** How soon a Recreate waiting for old pods to go looks again. */
export const OLD_PODS_RECHECK_MS = 1_000;

/** The pods of each ReplicaSet, by the set's uid (kube's getPodMapForDeployment). */
export type PodsByReplicaSet = Map<string, Pod[]>;

/** oldPodsRunning: an old set still counts pods, or one of its pods has not finished. */
export const oldPodsRunning = (
  newRS: ReplicaSet | undefined,
  oldRSs: ReplicaSet[],
  pods: PodsByReplicaSet,
): boolean => {
  if (actualCount(oldRSs) > 0) return true;
  for (const [uid, list] of pods) {
    if (newRS && newRS.metadata.uid === uid) continue;
    // A pod in phase Unknown may still run; only Failed and Succeeded ones are done.
    if (list.some((pod) => pod.status?.phase !== 'Failed' && pod.status?.phase !== 'Succeeded')) return true;
  }
  return false;
};

const scaleDownOldReplicaSets = async (rollout: Rollout, oldRSs: ReplicaSet[]): Promise<boolean> => {
  let scaled = false;
  for (const rs of activeReplicaSets(oldRSs)) {
    if ((await scaleReplicaSetTo(rollout, rs, 0)).scaled) scaled = true;
  }
  return scaled;
};

export const rolloutRecreate = async (rollout: Rollout, podsOf: () => PodsByReplicaSet): Promise<StepResult> => {
  const first = await replicaSetsWithRevision(rollout, false);
  const allRSs = [...first.oldRSs, ...(first.newRS ? [first.newRS] : [])];
  if (await scaleDownOldReplicaSets(rollout, first.oldRSs)) return syncRolloutStatus(rollout, allRSs, first.newRS);
  if (oldPodsRunning(first.newRS, first.oldRSs, podsOf())) {
    const result = await syncRolloutStatus(rollout, allRSs, first.newRS);
    return { requeueAfterMs: Math.min(result.requeueAfterMs ?? Infinity, OLD_PODS_RECHECK_MS) };
  }
  const { newRS, oldRSs } = first.newRS ? first : await replicaSetsWithRevision(rollout, true);
  await scaleReplicaSetTo(rollout, newRS!, replicasOf(rollout.d));
  if (deploymentComplete(rollout.d, rollout.d.status ?? {})) await cleanupHistory(rollout, oldRSs);
  // As kube, the status is reckoned from the sets as they were read: the next pass sees the scale.
  return syncRolloutStatus(rollout, [...oldRSs, newRS!], newRS);
};
