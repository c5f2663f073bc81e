// The informer handlers that feed the scheduler, as kube-scheduler's addAllEventHandlers: pods
// bound to a node go to the cache, pending pods of our profiles to the queue (a pod that gets
// bound moves from one to the other), nodes to the cache; and each change that may help a
// rejected pod is a cluster event for the queue.
import type { Node, Pod } from '@kubenest/api/core/types';
import type { InformerEventHandler } from '@kubenest/controllers';
import type { SchedulerCache } from '../cache';
import type { SchedulingQueue } from '../queue';
import { assignedPodUpdateActions, nodeUpdateActions } from './update-actions';

const assigned = (pod: Pod): boolean => Boolean(pod.spec?.nodeName);
/** Finished pods hold nothing on their node, as kube's informer drops them with a field selector. */
const terminal = (pod: Pod): boolean => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

export interface SchedulerEventTargets {
  cache: SchedulerCache;
  queue: SchedulingQueue;
  /** Whether one of our profiles schedules this pod (by spec.schedulerName). */
  responsibleFor: (pod: Pod) => boolean;
}

export const podEventHandler = ({ cache, queue, responsibleFor }: SchedulerEventTargets): InformerEventHandler<Pod> => {
  const addAssigned = (pod: Pod) => {
    cache.addPod(pod);
    queue.nominator.delete(pod);
    queue.moveOnEvent({ resource: 'AssignedPod', action: 'Add' }, undefined, pod);
  };
  const removeAssigned = (pod: Pod) => {
    cache.removePod(pod);
    queue.moveOnEvent({ resource: 'AssignedPod', action: 'Delete' }, pod, undefined);
  };
  const removePending = (pod: Pod) => {
    queue.delete(pod);
    queue.moveOnEvent({ resource: 'Pod', action: 'Delete' }, pod, undefined);
  };
  return {
    add: (pod) => {
      if (terminal(pod)) return;
      if (assigned(pod)) addAssigned(pod);
      else if (responsibleFor(pod)) queue.add(pod);
    },
    update: (oldPod, newPod) => {
      if (assigned(newPod)) {
        if (!assigned(oldPod)) queue.delete(oldPod);
        if (terminal(newPod)) {
          if (!terminal(oldPod)) removeAssigned(oldPod);
        } else if (!assigned(oldPod) || terminal(oldPod)) {
          addAssigned(newPod);
        } else {
          cache.updatePod(oldPod, newPod);
          for (const action of assignedPodUpdateActions(oldPod, newPod))
            queue.moveOnEvent({ resource: 'AssignedPod', action }, oldPod, newPod);
        }
        return;
      }
      if (terminal(newPod) || !responsibleFor(newPod)) removePending(oldPod);
      else queue.update(oldPod, newPod);
    },
    delete: (pod) => {
      if (assigned(pod)) {
        if (!terminal(pod)) removeAssigned(pod);
      } else {
        removePending(pod);
      }
    },
  };
};

export const nodeEventHandler = ({ cache, queue }: SchedulerEventTargets): InformerEventHandler<Node> => ({
  add: (node) => {
    cache.addNode(node);
    queue.moveOnEvent({ resource: 'Node', action: 'Add' }, undefined, node);
  },
  update: (oldNode, newNode) => {
    cache.updateNode(oldNode, newNode);
    for (const action of nodeUpdateActions(oldNode, newNode))
      queue.moveOnEvent({ resource: 'Node', action }, oldNode, newNode);
  },
  delete: (node) => cache.removeNode(node),
});
