// The PodScheduled=False condition and nominatedNodeName a failed cycle writes, as kube's
// updatePod: a strategic merge patch of pods/status, sent only when the condition (status,
// reason, message) or the nomination changes, so a pod failing again the same way costs no write.
import type { Pod } from '@kubenest/api/core/types';
import { metaTime } from '@kubenest/apimachinery/meta-time';
import { strategicMergePatchType } from '@kubenest/apimachinery/patch/apply-patch';
import type { ResourceClient } from '@kubenest/client/resource-client';
import { resources } from '@kubenest/client/resources';

export type FailureReason = 'Unschedulable' | 'SchedulerError';

/** undefined: leave the nomination as it is; '' clears it; a name sets it. */
export type Nomination = string | undefined;

export const podScheduledStatusPatch = (
  pod: Pod,
  reason: FailureReason,
  message: string,
  nomination: Nomination,
  now: number,
): object | undefined => {
  const old = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  const nominationChanged = nomination !== undefined && (pod.status?.nominatedNodeName ?? '') !== nomination;
  const conditionChanged = old?.status !== 'False' || old.reason !== reason || old.message !== message;
  if (!conditionChanged && !nominationChanged) return undefined;
  const condition = {
    type: 'PodScheduled',
    status: 'False',
    reason,
    message,
    lastProbeTime: null,
    lastTransitionTime: old?.status === 'False' && old.lastTransitionTime ? old.lastTransitionTime : metaTime(now),
  };
  return {
    status: {
      ...(conditionChanged ? { conditions: [condition] } : {}),
      ...(nominationChanged ? { nominatedNodeName: nomination || null } : {}),
    },
  };
};

export const updatePodScheduledCondition = async (
  client: ResourceClient,
  pod: Pod,
  reason: FailureReason,
  message: string,
  nomination: Nomination,
  now: number,
): Promise<void> => {
  const patch = podScheduledStatusPatch(pod, reason, message, nomination, now);
  if (!patch) return;
  await client
    .resource<Pod>(resources.pods)
    .patch(pod.metadata.namespace, pod.metadata.name!, strategicMergePatchType, patch, { subresource: 'status' });
};

/** kube's event message limit (1024), cut with " ..." as kube's truncateMessage. */
export const truncateMessage = (message: string, max = 1024): string =>
  message.length <= max ? message : `${message.slice(0, max - 4)} ...`;
