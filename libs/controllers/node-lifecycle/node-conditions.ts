// What kube's node lifecycle controller writes into the status of a node it stopped hearing from
// (tryUpdateNodeHealth): Ready and the pressure conditions turn Unknown with the last heartbeat
// kept; a condition the kubelet never posted is added as Unknown, heartbeat at the node's creation.
import type { Node } from '@kubenest/api/core/types';

export type NodeCondition = NonNullable<NonNullable<Node['status']>['conditions']>[number];

export const NODE_STATUS_UNKNOWN = { reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' };
export const NODE_STATUS_NEVER_UPDATED = {
  reason: 'NodeStatusNeverUpdated',
  message: 'Kubelet never posted node status.',
};

/** The conditions kube turns Unknown; others (NetworkUnavailable, a plugin's own) are left as they are. */
const WATCHED_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

export const readyCondition = (node: Node): NodeCondition | undefined =>
  node.status?.conditions?.find((c) => c.type === 'Ready');

/** The node's conditions once marked Unknown at `now`, or undefined when they are all Unknown already. */
export const unknownConditions = (node: Node, now: string): NodeCondition[] | undefined => {
  const conditions = [...(node.status?.conditions ?? [])];
  let changed = false;
  for (const type of WATCHED_CONDITIONS) {
    const at = conditions.findIndex((c) => c.type === type);
    if (at < 0) {
      conditions.push({
        type,
        status: 'Unknown',
        ...NODE_STATUS_NEVER_UPDATED,
        lastHeartbeatTime: node.metadata.creationTimestamp,
        lastTransitionTime: now,
      });
      changed = true;
    } else if (conditions[at].status !== 'Unknown') {
      conditions[at] = { ...conditions[at], status: 'Unknown', ...NODE_STATUS_UNKNOWN, lastTransitionTime: now };
      changed = true;
    }
  }
  return changed ? conditions : undefined;
};
