// The pods of a node that is not Ready are not ready either, as kube's MarkPodsNotReady: each pod's
// Ready condition turns False through pods/status (its kubelet may not be there to say so) and a
// NodeNotReady event is recorded on the pod.
import type { Node, Pod } from '@kubenest/api/core/types';
import { metaTime } from '@kubenest/apimachinery';
import type { EventRecorder } from '../events';
import { readyCondition } from './node-conditions';

export type WritePod = (namespace: string, name: string, mutate: (current: Pod) => void) => Promise<unknown>;

export interface MarkPodsNotReadyDeps {
  podsOn: (nodeName: string) => Pod[];
  writePodStatus: WritePod;
  recorder: EventRecorder;
  now: () => Date;
}

const readyOf = (pod: Pod) => pod.status?.conditions?.find((c) => c.type === 'Ready');

export const markPodsNotReady =
  (deps: MarkPodsNotReadyDeps) =>
  async (node: Node): Promise<void> => {
    const status = readyCondition(node)?.status;
    if (status === undefined || status === 'True') return;
    const now = metaTime(deps.now());
    for (const pod of deps.podsOn(node.metadata.name!)) {
      const ready = readyOf(pod);
      if (!ready || ready.status === 'False') continue;
      await deps.writePodStatus(pod.metadata.namespace!, pod.metadata.name!, (current) => {
        const condition = readyOf(current);
        if (!condition || condition.status === 'False') return;
        condition.status = 'False';
        condition.lastTransitionTime = now;
      });
      deps.recorder.event(
        { apiVersion: 'v1', kind: 'Pod', metadata: pod.metadata },
        'Warning',
        'NodeNotReady',
        'Node is not ready',
      );
    }
  };
