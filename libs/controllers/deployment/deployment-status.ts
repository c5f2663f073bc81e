// A Deployment's status as kube's calculateStatus reckons it from its ReplicaSets: pods (all,
// updated, ready, available), the replicas still missing, the generation seen, and the Available
// condition (at least replicas - maxUnavailable available). Zero counts are left out, as Go's
// omitempty leaves them out, so that an unchanged status compares equal and is not rewritten.
import type { Deployment, ReplicaSet } from '@kubenest/api/apps/types';
import { AVAILABLE, DeploymentStatus, newCondition, reasons, setCondition } from './deployment-conditions';
import { maxUnavailable, replicasOf } from './fenceposts';
import { canonicalJson } from './pod-template-hash';
import { actualCount, availableCount, desiredCount, readyCount } from './replica-set-counts';
import { Rollout, writeDeploymentStatus } from './rollout-context';

const counts = [
  'observedGeneration',
  'replicas',
  'updatedReplicas',
  'readyReplicas',
  'availableReplicas',
  'unavailableReplicas',
] as const;

/** The status with Go's omitempty applied. */
export const compactStatus = (status: DeploymentStatus | undefined): DeploymentStatus => {
  const compact: DeploymentStatus = { ...status };
  for (const key of counts) if (!compact[key]) delete compact[key];
  if (!compact.conditions?.length) delete compact.conditions;
  if (compact.collisionCount === undefined || compact.collisionCount === null) delete compact.collisionCount;
  return compact;
};

export const sameStatus = (a: DeploymentStatus | undefined, b: DeploymentStatus | undefined): boolean =>
  canonicalJson(compactStatus(a)) === canonicalJson(compactStatus(b));

export const calculateStatus = (
  d: Deployment,
  allRSs: (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
  now: Date,
): DeploymentStatus => {
  const available = availableCount(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: actualCount(allRSs),
    updatedReplicas: actualCount([newRS]),
    readyReplicas: readyCount(allRSs),
    availableReplicas: available,
    // More available than asked for (a scale-down under way) is no replica missing.
    unavailableReplicas: Math.max(0, desiredCount(allRSs) - available),
    collisionCount: d.status?.collisionCount,
    conditions: (d.status?.conditions ?? []).map((c) => ({ ...c })),
  };
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    const message = 'Deployment has minimum availability.';
    setCondition(status, newCondition(AVAILABLE, 'True', reasons.minimumReplicasAvailable, message, now));
  } else {
    const message = 'Deployment does not have minimum availability.';
    setCondition(status, newCondition(AVAILABLE, 'False', reasons.minimumReplicasUnavailable, message, now));
  }
  return compactStatus(status);
};

/** syncDeploymentStatus: writes the status when it changed. */
export const syncDeploymentStatus = async (
  rollout: Rollout,
  allRSs: (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
): Promise<void> => {
  const status = calculateStatus(rollout.d, allRSs, newRS, rollout.api.now());
  if (sameStatus(rollout.d.status, status)) return;
  rollout.d.status = status;
  await writeDeploymentStatus(rollout);
};
