// A node's taints as the scheduler weighs them. Until a node lifecycle controller taints nodes
// that stopped being Ready, the taint it would add is implied here from the Ready condition, so
// pods keep off such nodes with the message kube shows for them.
import type { Node } from '@kubenest/api/core/types';
import type { Taint } from '../../framework/tolerations';

export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/** The NoSchedule taint the lifecycle controller puts on a node whose Ready condition is not True. */
export const readinessTaint = (node: Node): Taint | undefined => {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready?.status === 'True') return undefined;
  const key = ready?.status === 'Unknown' ? TAINT_NODE_UNREACHABLE : TAINT_NODE_NOT_READY;
  return { key, effect: 'NoSchedule' };
};

/** The node's own taints, then the implied readiness taint when the node does not carry it. */
export const nodeTaints = (node: Node): Taint[] => {
  const own = node.spec?.taints ?? [];
  const implied = readinessTaint(node);
  if (!implied || own.some((t) => t.key === implied.key && t.effect === implied.effect)) return own;
  return [...own, implied];
};
