// The RollingUpdate strategy, as kube's rolling.go: grow the new ReplicaSet within maxSurge; then
// shrink the old ones, first taking away their pods that are not available (they serve nothing),
// then the rest, never leaving fewer than replicas - maxUnavailable available; once complete,
// trim the history; and every pass ends by reporting the rollout's progress.
import type { ReplicaSet } from '@kubenest/api/apps/types';
import type { StepResult } from '../loop';
import { maxUnavailable, replicasOf } from './fenceposts';
import { cleanupHistory } from './history-cleanup';
import { replicaSetsWithRevision } from './new-replica-set';
import { newReplicaSetSize } from './new-replica-set-size';
import { activeReplicaSets, availableCount, byCreation, desiredCount, specReplicas } from './replica-set-counts';
import { deploymentComplete, syncRolloutStatus } from './rollout-progress';
import { Rollout } from './rollout-context';
import { scaleReplicaSetTo } from './scale-replica-set';

/** reconcileNewReplicaSet: answers whether it scaled. */
export const reconcileNewReplicaSet = async (rollout: Rollout, allRSs: ReplicaSet[], newRS: ReplicaSet) => {
  const replicas = replicasOf(rollout.d);
  if (specReplicas(newRS) === replicas) return false;
  if (specReplicas(newRS) > replicas) return (await scaleReplicaSetTo(rollout, newRS, replicas)).scaled;
  return (await scaleReplicaSetTo(rollout, newRS, newReplicaSetSize(rollout.d, allRSs, newRS))).scaled;
};

/** cleanupUnhealthyReplicas: takes up to maxCleanup unavailable replicas from the old sets, oldest first. */
const cleanupUnhealthyReplicas = async (rollout: Rollout, oldRSs: ReplicaSet[], maxCleanup: number) => {
  const sets = [...oldRSs].sort(byCreation);
  let total = 0;
  for (const [i, rs] of sets.entries()) {
    if (total >= maxCleanup) break;
    const unavailable = specReplicas(rs) - (rs.status?.availableReplicas ?? 0);
    // More available than asked for: the set's status has not caught up with a scale-down yet
    // (kube fails the sync there and retries; the retry finds nothing to clean up either).
    if (specReplicas(rs) === 0 || unavailable <= 0) continue;
    const count = Math.min(maxCleanup - total, unavailable);
    sets[i] = (await scaleReplicaSetTo(rollout, rs, specReplicas(rs) - count)).rs;
    total += count;
  }
  return { oldRSs: sets, cleaned: total };
};

/** scaleDownOldReplicaSetsForRollingUpdate: what is available beyond the minimum goes, oldest sets first. */
const scaleDownOldReplicaSets = async (rollout: Rollout, allRSs: ReplicaSet[], oldRSs: ReplicaSet[]) => {
  const minAvailable = replicasOf(rollout.d) - maxUnavailable(rollout.d);
  const available = availableCount(allRSs);
  if (available <= minAvailable) return 0;
  const toScaleDown = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= toScaleDown) break;
    if (specReplicas(rs) === 0) continue;
    const count = Math.min(specReplicas(rs), toScaleDown - total);
    await scaleReplicaSetTo(rollout, rs, specReplicas(rs) - count);
    total += count;
  }
  return total;
};

/** reconcileOldReplicaSets: answers whether it scaled down. */
export const reconcileOldReplicaSets = async (
  rollout: Rollout,
  allRSs: ReplicaSet[],
  oldRSs: ReplicaSet[],
  newRS: ReplicaSet,
): Promise<boolean> => {
  if (desiredCount(oldRSs) === 0) return false;
  const minAvailable = replicasOf(rollout.d) - maxUnavailable(rollout.d);
  const newUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  // Old pods may go as long as those left, with the new set's once they are up, still make minAvailable.
  const maxScaledDown = desiredCount(allRSs) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const cleanup = await cleanupUnhealthyReplicas(rollout, oldRSs, maxScaledDown);
  const scaledDown = await scaleDownOldReplicaSets(rollout, [...cleanup.oldRSs, newRS], cleanup.oldRSs);
  return cleanup.cleaned + scaledDown > 0;
};

/** rolloutRolling. */
export const rolloutRolling = async (rollout: Rollout): Promise<StepResult> => {
  const { newRS, oldRSs } = await replicaSetsWithRevision(rollout, true);
  const allRSs = [...oldRSs, newRS!];
  if (await reconcileNewReplicaSet(rollout, allRSs, newRS!)) return syncRolloutStatus(rollout, allRSs, newRS);
  if (await reconcileOldReplicaSets(rollout, allRSs, activeReplicaSets(oldRSs), newRS!))
    return syncRolloutStatus(rollout, allRSs, newRS);
  if (deploymentComplete(rollout.d, rollout.d.status ?? {})) await cleanupHistory(rollout, oldRSs);
  return syncRolloutStatus(rollout, allRSs, newRS);
};
