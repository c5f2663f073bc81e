// How the taint eviction loop deletes a pod, as kube 1.33's does: an event first, then the
// DisruptionTarget condition written into the pod's status, then a delete with the pod's own grace
// period (and its uid as precondition, so a namesake created meanwhile is left alone).
import type { Pod } from '@kubenest/api/core/types';
import { metaTime, StatusError } from '@kubenest/apimachinery';
import type { ResourceInterface } from '@kubenest/client';
import type { EventRecorder } from '../events';
import { updateFresh } from '../loop';

export const DISRUPTION_TARGET = {
  type: 'DisruptionTarget',
  status: 'True',
  reason: 'DeletionByTaintManager',
  message: 'Taint manager: deleting due to NoExecute taint',
};

export interface EvictPodDeps {
  pods: ResourceInterface<Pod>;
  recorder: EventRecorder;
  now: () => Date;
}

/** The pod as an event's involved object. */
export const podRef = (pod: Pod) => ({ apiVersion: 'v1', kind: 'Pod', metadata: pod.metadata });

export const evictPod =
  (deps: EvictPodDeps) =>
  async (pod: Pod): Promise<void> => {
    const { namespace, name, uid } = pod.metadata;
    deps.recorder.event(podRef(pod), 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${namespace}/${name}`);
    try {
      await updateFresh(deps.pods, 'status')(namespace, name!, (current) => {
        if (current.metadata.uid !== uid) throw StatusError.notFound({ group: '', resource: 'pods' }, name!);
        const conditions = (current.status?.conditions ?? []).filter((c) => c.type !== DISRUPTION_TARGET.type);
        const old = current.status?.conditions?.find((c) => c.type === DISRUPTION_TARGET.type);
        const lastTransitionTime =
          old?.status === DISRUPTION_TARGET.status ? old.lastTransitionTime : metaTime(deps.now());
        current.status = {
          ...current.status,
          conditions: [...conditions, { ...DISRUPTION_TARGET, lastTransitionTime }],
        };
      });
      await deps.pods.delete(namespace, name!, { preconditions: { uid } });
    } catch (e) {
      // Gone already, or another pod by now: nothing left to evict.
      if (StatusError.is(e) && (e.code === 404 || e.code === 409)) return;
      throw e;
    }
  };
