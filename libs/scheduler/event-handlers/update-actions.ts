// What an update of a node or an assigned pod amounts to for scheduling, as kube-scheduler's
// nodeSchedulingPropertiesChange and podSchedulingPropertiesChange: only these kinds of change
// move rejected pods, so a node's heartbeat or a pod's status write moves none.
import type { Node, Pod } from '@kubenest/api/core/types';
import type { ActionType } from '../framework/cluster-event';
import { podRequests } from '../framework/resources';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Condition type → status: a heartbeat alone changes nothing. */
const conditionStatuses = (node: Node): Record<string, string> =>
  Object.fromEntries((node.status?.conditions ?? []).map((c) => [c.type, c.status]));

export const nodeUpdateActions = (oldNode: Node, newNode: Node): ActionType[] => {
  const actions: ActionType[] = [];
  // kube files a change of spec.unschedulable as a taint change (NodeSpecUnschedulableChange).
  if (Boolean(oldNode.spec?.unschedulable) !== Boolean(newNode.spec?.unschedulable)) actions.push('UpdateNodeTaint');
  if (!same(oldNode.status?.allocatable, newNode.status?.allocatable)) actions.push('UpdateNodeAllocatable');
  if (!same(oldNode.metadata.labels, newNode.metadata.labels)) actions.push('UpdateNodeLabel');
  if (!same(oldNode.spec?.taints, newNode.spec?.taints) && !actions.includes('UpdateNodeTaint'))
    actions.push('UpdateNodeTaint');
  if (!same(conditionStatuses(oldNode), conditionStatuses(newNode))) actions.push('UpdateNodeCondition');
  if (!same(oldNode.metadata.annotations, newNode.metadata.annotations)) actions.push('UpdateNodeAnnotation');
  return actions;
};

/** An assigned pod's update: its labels, or its requests going down; anything else is a plain Update. */
export const assignedPodUpdateActions = (oldPod: Pod, newPod: Pod): ActionType[] => {
  const actions: ActionType[] = [];
  if (!same(oldPod.metadata.labels, newPod.metadata.labels)) actions.push('UpdatePodLabel');
  const before = podRequests(oldPod);
  const after = podRequests(newPod);
  if (
    after.milliCPU < before.milliCPU ||
    after.memory < before.memory ||
    after.ephemeralStorage < before.ephemeralStorage
  )
    actions.push('UpdatePodScaleDown');
  return actions.length ? actions : ['Update'];
};
