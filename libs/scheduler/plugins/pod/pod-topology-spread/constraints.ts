// A pod's topology spread constraints as the scheduler applies them (kube's
// filterTopologySpreadConstraints): those of one whenUnsatisfiable, matchLabelKeys merged into
// the selector from the pod's own labels, minDomains 1 and the node policies Honor / Ignore
// when unset.
import type { Node, Pod } from '@kubenest/api/core/types';
import {
  type LabelRequirement,
  type LabelSelector,
  labelSelectorFromObject,
  labelSelectorOf,
  nothingLabelSelector,
} from '@kubenest/apimachinery/selectors/label-selector';
import type { ITopologySpreadConstraint as TopologySpreadConstraint } from 'kubernetes-models/v1/TopologySpreadConstraint';
import { nodeLabel } from '../shared/topology-pair';

export type { TopologySpreadConstraint };

export type WhenUnsatisfiable = TopologySpreadConstraint['whenUnsatisfiable'];
export type NodeInclusionPolicy = 'Honor' | 'Ignore';

export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  selector: LabelSelector;
  minDomains: number;
  nodeAffinityPolicy: NodeInclusionPolicy;
  nodeTaintsPolicy: NodeInclusionPolicy;
}

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_ZONE = 'topology.kubernetes.io/zone';

// A nil labelSelector selects nothing, and stays so whatever matchLabelKeys add.
const withMatchLabelKeys = (
  selector: LabelSelector,
  keys: readonly string[],
  labels: Record<string, string>,
): LabelSelector => {
  if (selector === nothingLabelSelector) return selector;
  const pinned: LabelRequirement[] = keys
    .filter((k) => Object.prototype.hasOwnProperty.call(labels, k))
    .map((key) => ({ key, operator: '=', values: [labels[key]] }));
  return pinned.length ? labelSelectorOf([...pinned, ...selector.requirements]) : selector;
};

/** The constraints of one action; a bad selector throws. */
export const spreadConstraints = (
  specs: readonly TopologySpreadConstraint[],
  podLabels: Record<string, string> | undefined,
  action: WhenUnsatisfiable,
): SpreadConstraint[] =>
  specs
    .filter((c) => c.whenUnsatisfiable === action)
    .map((c) => ({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector: withMatchLabelKeys(labelSelectorFromObject(c.labelSelector), c.matchLabelKeys ?? [], podLabels ?? {}),
      minDomains: c.minDomains ?? 1,
      nodeAffinityPolicy: c.nodeAffinityPolicy ?? 'Honor',
      nodeTaintsPolicy: c.nodeTaintsPolicy ?? 'Ignore',
    }));

/** Whether the node carries every constraint's topology key. */
export const hasAllTopologyKeys = (node: Node, constraints: readonly SpreadConstraint[]): boolean => {
  for (const c of constraints) if (nodeLabel(node, c.topologyKey) === undefined) return false;
  return true;
};

/** Pods that count toward a constraint: same namespace, not terminating; an empty selector counts none, as kube. */
export const countMatching = (pods: readonly { pod: Pod }[], selector: LabelSelector, namespace: string): number => {
  if (selector.empty) return 0;
  let n = 0;
  for (const { pod } of pods)
    if (
      !pod.metadata.deletionTimestamp &&
      (pod.metadata.namespace ?? '') === namespace &&
      selector.matches(pod.metadata.labels)
    )
      n++;
  return n;
};
