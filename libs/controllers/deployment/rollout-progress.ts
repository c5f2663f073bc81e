// The Progressing condition and the progress deadline, as kube's progress.go: a rollout that
// completes is NewReplicaSetAvailable, one that moves is ReplicaSetUpdated (its lastUpdateTime
// moved on each time), one that has not moved for progressDeadlineSeconds is
// ProgressDeadlineExceeded; a ReplicaSet's ReplicaFailure shows on the Deployment; and a rollout
// still under way is looked at again when its deadline falls.
import type { Deployment, ReplicaSet } from '@kubenest/api/apps/types';
import type { StepResult } from '../loop';
import {
  DeploymentCondition,
  DeploymentStatus,
  getCondition,
  hasProgressDeadline,
  newCondition,
  PROGRESSING,
  reasons,
  REPLICA_FAILURE,
  removeCondition,
  setCondition,
} from './deployment-conditions';
import { calculateStatus, compactStatus, sameStatus } from './deployment-status';
import { replicasOf } from './fenceposts';
import { Rollout, writeDeploymentStatus } from './rollout-context';

/** DeploymentComplete: every replica updated and available, and the latest spec seen. */
export const deploymentComplete = (d: Deployment, status: DeploymentStatus): boolean =>
  (status.updatedReplicas ?? 0) === replicasOf(d) &&
  (status.replicas ?? 0) === replicasOf(d) &&
  (status.availableReplicas ?? 0) === replicasOf(d) &&
  (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);

/** DeploymentProgressing: more updated, fewer old, more ready or more available pods than last time. */
export const deploymentProgressing = (d: Deployment, status: DeploymentStatus): boolean => {
  const old = d.status ?? {};
  const oldPods = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOldPods = (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
  return (
    (status.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOldPods < oldPods ||
    (status.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (status.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
};

const deadlineMs = (d: Deployment): number => (d.spec?.progressDeadlineSeconds ?? 0) * 1000;

/** DeploymentTimedOut: no progress reported for longer than the deadline. */
export const deploymentTimedOut = (d: Deployment, status: DeploymentStatus, now: Date): boolean => {
  if (!hasProgressDeadline(d)) return false;
  const condition = getCondition(status, PROGRESSING);
  if (!condition || condition.reason === reasons.newReplicaSetAvailable) return false;
  if (condition.reason === reasons.progressDeadlineExceeded) return true;
  return Date.parse(String(condition.lastUpdateTime)) + deadlineMs(d) < now.getTime();
};

const subject = (d: Deployment, newRS: ReplicaSet | undefined): string =>
  newRS ? `ReplicaSet ${JSON.stringify(newRS.metadata.name)}` : `Deployment ${JSON.stringify(d.metadata.name)}`;

/** getReplicaFailures: the new set's ReplicaFailure first, else an old one's. */
const replicaFailures = (allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): DeploymentCondition[] => {
  const failuresOf = (rs: ReplicaSet | undefined): DeploymentCondition[] =>
    (rs?.status?.conditions ?? [])
      .filter((c) => c.type === REPLICA_FAILURE)
      .map((c) => ({
        type: c.type,
        status: c.status,
        lastTransitionTime: c.lastTransitionTime,
        lastUpdateTime: c.lastTransitionTime,
        reason: c.reason,
        message: c.message,
      }));
  const ofNew = failuresOf(newRS);
  return ofNew.length ? ofNew : allRSs.flatMap(failuresOf);
};

/** The status a rollout reports now: calculateStatus plus Progressing and ReplicaFailure. */
export const rolloutStatus = (
  d: Deployment,
  allRSs: (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
  now: Date,
): DeploymentStatus => {
  const status = calculateStatus(d, allRSs, newRS, now);
  if (!hasProgressDeadline(d)) removeCondition(status, PROGRESSING);
  const current = getCondition(d.status, PROGRESSING);
  // A rollout already reported complete is a resync: no progress to estimate.
  const complete = status.replicas === status.updatedReplicas && current?.reason === reasons.newReplicaSetAvailable;
  if (hasProgressDeadline(d) && !complete) {
    if (deploymentComplete(d, status)) {
      const message = `${subject(d, newRS)} has successfully progressed.`;
      setCondition(status, newCondition(PROGRESSING, 'True', reasons.newReplicaSetAvailable, message, now));
    } else if (deploymentProgressing(d, status)) {
      const condition = newCondition(
        PROGRESSING,
        'True',
        reasons.replicaSetUpdated,
        `${subject(d, newRS)} is progressing.`,
        now,
      );
      // Progress moves lastUpdateTime on, even with the same reason; a True condition keeps its transition time.
      if (current) {
        if (current.status === 'True') condition.lastTransitionTime = current.lastTransitionTime;
        removeCondition(status, PROGRESSING);
      }
      setCondition(status, condition);
    } else if (deploymentTimedOut(d, status, now)) {
      const message = `${subject(d, newRS)} has timed out progressing.`;
      setCondition(status, newCondition(PROGRESSING, 'False', reasons.progressDeadlineExceeded, message, now));
    }
  }
  const [failure] = replicaFailures(allRSs, newRS);
  if (failure) setCondition(status, failure);
  else removeCondition(status, REPLICA_FAILURE);
  return compactStatus(status);
};

/**
 * requeueStuckDeployment: a rollout under way with no progress to report is looked at again once
 * its deadline passes (a second after), so that ProgressDeadlineExceeded is reported on time.
 */
export const progressRecheckMs = (d: Deployment, status: DeploymentStatus, now: Date): number | undefined => {
  const current = getCondition(d.status, PROGRESSING);
  if (!hasProgressDeadline(d) || !current) return undefined;
  if (deploymentComplete(d, status) || current.reason === reasons.progressDeadlineExceeded) return undefined;
  const after = Date.parse(String(current.lastUpdateTime)) + deadlineMs(d) - now.getTime();
  // Kube requeues at once (rate limited) under a second; a second past the deadline is as good.
  return Math.max(after, 0) + 1000;
};

/** syncRolloutStatus: writes the rollout's status when it changed, else asks to come back at the deadline. */
export const syncRolloutStatus = async (
  rollout: Rollout,
  allRSs: (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
): Promise<StepResult> => {
  const now = rollout.api.now();
  const status = rolloutStatus(rollout.d, allRSs, newRS, now);
  if (sameStatus(rollout.d.status, status)) {
    const after = progressRecheckMs(rollout.d, status, now);
    return after === undefined ? {} : { requeueAfterMs: after };
  }
  rollout.d.status = status;
  await writeDeploymentStatus(rollout);
  return {};
};
