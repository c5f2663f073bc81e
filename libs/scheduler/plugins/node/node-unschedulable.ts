// NodeUnschedulable: keeps pods off a cordoned node (spec.unschedulable) unless they tolerate
// the node.kubernetes.io/unschedulable:NoSchedule taint that cordoning stands for.
import type { Node, Pod } from '@kubenest/api/core/types';
import type { FilterPlugin, PluginFactory, QueueingHintFn } from '../../framework';
import { success, unresolvable } from '../../framework/status';
import { TAINT_NODE_UNSCHEDULABLE } from './node-taints';
import { tolerationsTolerateTaint } from '../../framework/tolerations';
import { tolerationsSignature } from './pod-signature';

export const NODE_UNSCHEDULABLE = 'NodeUnschedulable';
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

const toleratesCordon = (pod: Pod): boolean =>
  tolerationsTolerateTaint(pod.spec?.tolerations, { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' });

/** Only a node that became schedulable (or a new schedulable one) can help. */
const schedulableAfterNodeChange: QueueingHintFn = (_pod, oldObj, newObj) => {
  const after = newObj as Node | undefined;
  if (!after) return 'Skip';
  const was = oldObj ? !(oldObj as Node).spec?.unschedulable : false;
  return !was && !after.spec?.unschedulable ? 'Queue' : 'Skip';
};

export const newNodeUnschedulable: PluginFactory = (): FilterPlugin => ({
  name: NODE_UNSCHEDULABLE,
  signPod: tolerationsSignature,
  filter: (_state, pod, nodeInfo) =>
    nodeInfo.node?.spec?.unschedulable && !toleratesCordon(pod) ? unresolvable(ERR_REASON_UNSCHEDULABLE) : success(),
  eventsToRegister: () => [
    { event: { resource: 'Node', action: 'Add' }, hint: schedulableAfterNodeChange },
    { event: { resource: 'Node', action: 'UpdateNodeTaint' }, hint: schedulableAfterNodeChange },
  ],
});
