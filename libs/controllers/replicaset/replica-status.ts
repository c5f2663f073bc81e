// A ReplicaSet's status from the pods it owns, as kube's calculateStatus: replicas active, those
// carrying every template label, ready, and available (ready for minReadySeconds); a ReplicaFailure
// condition while creating or deleting fails, gone once it works again.
import type { Pod } from '@kubenest/api/core/types';
import type { ReplicaSet } from '@kubenest/api/apps/types';
import { isPodAvailable, isPodReady } from './pod-state';
import { ReplicaSetStatus } from './replicated';

export const REPLICA_FAILURE = 'ReplicaFailure';

const hasTemplateLabels = (pod: Pod, template: Record<string, string>): boolean =>
  Object.entries(template).every(([k, v]) => pod.metadata.labels?.[k] === v);

/** `manageError`: the failure of this sync's creations or deletions, if any. */
export const calculateStatus = (
  rs: ReplicaSet,
  pods: Pod[],
  manageError: Error | undefined,
  now: Date,
): ReplicaSetStatus => {
  const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
  const templateLabels = (rs.spec?.template?.metadata?.labels ?? {}) as Record<string, string>;
  const status: ReplicaSetStatus = { ...(rs.status ?? { replicas: 0 }) };
  const conditions = [...(status.conditions ?? [])];
  const failure = conditions.find((c) => c.type === REPLICA_FAILURE);
  if (manageError && !failure) {
    const diff = pods.length - (rs.spec?.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    conditions.push({
      type: REPLICA_FAILURE,
      status: 'True',
      lastTransitionTime: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      reason,
      message: manageError.message,
    });
  }
  const kept = !manageError && failure ? conditions.filter((c) => c.type !== REPLICA_FAILURE) : conditions;
  if (kept.length) status.conditions = kept;
  else delete status.conditions;
  status.replicas = pods.length;
  status.fullyLabeledReplicas = pods.filter((p) => hasTemplateLabels(p, templateLabels)).length;
  status.readyReplicas = pods.filter(isPodReady).length;
  status.availableReplicas = pods.filter((p) => isPodAvailable(p, minReadySeconds, now.getTime())).length;
  return status;
};

/** Whether the status written would differ from the one held, as kube's updateReplicaSetStatus asks before it writes. */
export const statusChanged = (rs: ReplicaSet, status: ReplicaSetStatus): boolean => {
  const held = rs.status ?? { replicas: 0 };
  return (
    held.replicas !== status.replicas ||
    (held.fullyLabeledReplicas ?? 0) !== (status.fullyLabeledReplicas ?? 0) ||
    (held.readyReplicas ?? 0) !== (status.readyReplicas ?? 0) ||
    (held.availableReplicas ?? 0) !== (status.availableReplicas ?? 0) ||
    (rs.metadata.generation ?? 0) !== (held.observedGeneration ?? 0) ||
    JSON.stringify(held.conditions ?? []) !== JSON.stringify(status.conditions ?? [])
  );
};
