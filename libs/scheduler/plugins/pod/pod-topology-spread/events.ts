// The cluster events after which a pod PodTopologySpread turned down may fit, with hints as
// kube's: only assigned pods of its namespace whose labels (now or before) its constraints
// select, and only nodes whose topology keys or taints change the domains.
import type { Node, Pod } from '@kubenest/api/core/types';
import type { ClusterEventWithHint, QueueingHint, QueueingHintFn } from '../../../framework';
import { nodeLabel } from '../shared/topology-pair';
import { hasAllTopologyKeys, SpreadConstraint } from './constraints';

export type HardConstraints = (pod: Pod) => SpreadConstraint[];

const queueIf = (yes: boolean): QueueingHint => (yes ? 'Queue' : 'Skip');

const involved = (changed: Pod, target: Pod): boolean =>
  changed.metadata.uid === target.metadata.uid ||
  (!!changed.spec?.nodeName && (changed.metadata.namespace ?? '') === (target.metadata.namespace ?? ''));

const sameLabels = (a: Pod, b: Pod): boolean => {
  const x = a.metadata.labels ?? {};
  const y = b.metadata.labels ?? {};
  const keys = Object.keys(x);
  return (
    keys.length === Object.keys(y).length &&
    keys.every((k) => Object.prototype.hasOwnProperty.call(y, k) && x[k] === y[k])
  );
};

const constraintsOr = (constraintsOf: HardConstraints, pod: Pod): SpreadConstraint[] | undefined => {
  try {
    return constraintsOf(pod);
  } catch {
    return undefined;
  }
};

export const podChangeHint =
  (constraintsOf: HardConstraints): QueueingHintFn =>
  (pod, oldObj, newObj) => {
    const before = oldObj as Pod | undefined;
    const after = newObj as Pod | undefined;
    if ((after && !involved(after, pod)) || (before && !involved(before, pod))) return 'Skip';
    const constraints = constraintsOr(constraintsOf, pod);
    if (!constraints) return 'Queue';
    if (before && after) {
      if (sameLabels(before, after)) return 'Skip';
      return queueIf(
        constraints.some(
          (c) => c.selector.matches(before.metadata.labels) !== c.selector.matches(after.metadata.labels),
        ),
      );
    }
    const changed = after ?? before;
    return queueIf(!!changed && constraints.some((c) => c.selector.matches(changed.metadata.labels)));
  };

const taintsDiffer = (a: Node, b: Node): boolean =>
  JSON.stringify(a.spec?.taints ?? []) !== JSON.stringify(b.spec?.taints ?? []);

export const nodeChangeHint =
  (constraintsOf: HardConstraints): QueueingHintFn =>
  (pod, oldObj, newObj) => {
    const before = oldObj as Node | undefined;
    const after = newObj as Node | undefined;
    const constraints = constraintsOr(constraintsOf, pod);
    if (!constraints) return 'Queue';
    const wasIn = !!before && hasAllTopologyKeys(before, constraints);
    const isIn = !!after && hasAllTopologyKeys(after, constraints);
    if (before && after) {
      if (wasIn !== isIn) return 'Queue';
      const moved = constraints.some((c) => nodeLabel(before, c.topologyKey) !== nodeLabel(after, c.topologyKey));
      return queueIf(isIn && (moved || taintsDiffer(before, after)));
    }
    return queueIf(after ? isIn : wasIn);
  };

export const podTopologySpreadEvents = (constraintsOf: HardConstraints): ClusterEventWithHint[] => {
  const podHint = podChangeHint(constraintsOf);
  const nodeHint = nodeChangeHint(constraintsOf);
  return [
    { event: { resource: 'AssignedPod', action: 'Add' }, hint: podHint },
    { event: { resource: 'AssignedPod', action: 'UpdatePodLabel' }, hint: podHint },
    { event: { resource: 'AssignedPod', action: 'Delete' }, hint: podHint },
    { event: { resource: 'Node', action: 'Add' }, hint: nodeHint },
    { event: { resource: 'Node', action: 'Delete' }, hint: nodeHint },
    { event: { resource: 'Node', action: 'UpdateNodeLabel' }, hint: nodeHint },
    { event: { resource: 'Node', action: 'UpdateNodeTaint' }, hint: nodeHint },
  ];
};
