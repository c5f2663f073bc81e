// The changes in the cluster that may make a rejected pod schedulable, as kube-scheduler's
// ClusterEvent: a plugin that turned a pod down names the events after which trying it again is
// worth it, and the queue moves the pod out of the unschedulable pool only then, never by polling.
import type { Node, Pod } from '@kubenest/api/core/types';
import type { KubeObject } from '@kubenest/apimachinery';

export type ClusterEventResource = 'Node' | 'Pod' | 'AssignedPod' | 'Namespace' | 'PriorityClass' | 'Service';

export type ActionType =
  | 'Add'
  | 'Delete'
  /** Any update (the node ones below are finer grained). */
  | 'Update'
  | 'UpdateNodeAllocatable'
  | 'UpdateNodeLabel'
  | 'UpdateNodeTaint'
  | 'UpdateNodeCondition'
  | 'UpdateNodeAnnotation'
  /** An assigned pod's labels changed. */
  | 'UpdatePodLabel'
  /** An assigned pod asks for less than before. */
  | 'UpdatePodScaleDown';

export interface ClusterEvent {
  resource: ClusterEventResource;
  action: ActionType;
}

export type QueueingHint = 'Queue' | 'Skip';

/**
 * Decides, for one rejected pod and one event, whether the event may help it (kube's
 * QueueingHintFn). Without one, every event of the registered kind moves the pod.
 */
export type QueueingHintFn = (pod: Pod, oldObj: KubeObject | undefined, newObj: KubeObject | undefined) => QueueingHint;

export interface ClusterEventWithHint {
  event: ClusterEvent;
  hint?: QueueingHintFn;
}

/** The actions a node update amounts to, as kube's nodeSchedulingPropertiesChange. */
export type NodeUpdateActions = (oldNode: Node, newNode: Node) => ActionType[];
