// Makes room on the chosen node, as kube's preemption Evaluator.prepareCandidate: each victim is
// marked with the DisruptionTarget condition (so the preemptor knows to wait while it
// terminates) and deleted gracefully, with an event saying who preempted it; pods of lower
// priority nominated to that node lose their nomination, as they may no longer fit there and
// should look elsewhere now rather than after the victims are gone.
import type { Logger } from '@nestjs/common';
import type { Pod } from '@kubenest/api/core/types';
import { metaTime } from '@kubenest/apimachinery/meta-time';
import { StatusError } from '@kubenest/apimachinery/status-error';
import { strategicMergePatchType } from '@kubenest/apimachinery/patch/apply-patch';
import type { ResourceInterface } from '@kubenest/client/resource-client';
import { resources } from '@kubenest/client/resources';
import type { FrameworkHandle } from '../../framework/plugin';
import { errorStatus, type Status, success } from '../../framework/status';
import { DISRUPTION_TARGET, PREEMPTION_BY_SCHEDULER } from './eligibility';
import type { Candidate } from './find-candidates';
import { podPriority } from '../../framework/pod-priority';
import { DEFAULT_SCHEDULER_NAME } from '../../framework/scheduler-name';

export interface PrepareOptions {
  now: number;
  logger: Pick<Logger, 'warn'>;
}

/** 404: deleted meanwhile; 409 on a delete: the uid precondition failed, the name now holds another pod. */
const victimGone = (error: unknown): boolean => StatusError.is(error) && (error.code === 404 || error.code === 409);

const podRef = (pod: Pod) => ({ apiVersion: 'v1', kind: 'Pod', metadata: pod.metadata });

const disruptionTarget = (preemptor: Pod, now: number) => ({
  type: DISRUPTION_TARGET,
  status: 'True',
  reason: PREEMPTION_BY_SCHEDULER,
  message: `${preemptor.spec?.schedulerName ?? DEFAULT_SCHEDULER_NAME}: preempting to accommodate a higher priority pod`,
  lastTransitionTime: metaTime(now),
});

const preemptVictim = async (
  handle: FrameworkHandle,
  pods: ResourceInterface<Pod>,
  preemptor: Pod,
  victim: Pod,
  nodeName: string,
  now: number,
): Promise<void> => {
  const { namespace, name, uid } = victim.metadata;
  const condition = disruptionTarget(preemptor, now);
  const current = victim.status?.conditions?.find((c) => c.type === DISRUPTION_TARGET);
  const marked =
    current?.status === condition.status &&
    current.reason === condition.reason &&
    current.message === condition.message;
  try {
    if (!marked) {
      const patch = { status: { conditions: [condition] } };
      await pods.patch(namespace, name!, strategicMergePatchType, patch, { subresource: 'status' });
    }
    // No grace period given: the victim gets its own terminationGracePeriodSeconds.
    await pods.delete(namespace, name!, { preconditions: { uid } });
  } catch (error) {
    if (victimGone(error)) return;
    throw error;
  }
  handle.recorder.event(
    podRef(victim),
    'Normal',
    'Preempted',
    `Preempted by pod ${preemptor.metadata.uid} on node ${nodeName}`,
  );
};

const clearLowerNominations = async (
  handle: FrameworkHandle,
  pods: ResourceInterface<Pod>,
  preemptor: Pod,
  nodeName: string,
  logger: PrepareOptions['logger'],
): Promise<void> => {
  const priority = podPriority(preemptor);
  for (const { pod } of handle.nominator.nominatedPodsForNode(nodeName)) {
    if (podPriority(pod) >= priority || !pod.status?.nominatedNodeName) continue;
    const { namespace, name } = pod.metadata;
    try {
      const patch = { status: { nominatedNodeName: null } };
      await pods.patch(namespace, name!, strategicMergePatchType, patch, { subresource: 'status' });
    } catch (error) {
      // Not worth failing the preemption for: the pod keeps a stale nomination a while longer.
      logger.warn(`could not clear the nominatedNodeName of pod ${namespace}/${name}: ${(error as Error).message}`);
    }
  }
};

export const prepareCandidate = async (
  handle: FrameworkHandle,
  candidate: Candidate,
  preemptor: Pod,
  options: PrepareOptions,
): Promise<Status> => {
  const pods = handle.client.resource<Pod>(resources.pods);
  // A victim already terminating needs no second delete.
  const pending = candidate.victims.filter((v) => !v.metadata.deletionTimestamp);
  try {
    await Promise.all(
      pending.map((victim) => preemptVictim(handle, pods, preemptor, victim, candidate.nodeName, options.now)),
    );
  } catch (error) {
    return errorStatus(error as Error);
  }
  await clearLowerNominations(handle, pods, preemptor, candidate.nodeName, options.logger);
  return success();
};
