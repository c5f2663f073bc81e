// Which nodes a spread constraint counts, as kube's matchNodeInclusionPolicies: with
// nodeAffinityPolicy Honor (the default) only the nodes the pod's nodeSelector and required node
// affinity accept, with nodeTaintsPolicy Honor only the nodes whose NoSchedule/NoExecute taints
// it tolerates (Ignore, the default, counts tainted nodes too).
import type { Node, Pod } from '@kubenest/api/core/types';
import {
  type LabelOperator,
  type LabelRequirement,
  labelSelectorOf,
  newLabelRequirement,
} from '@kubenest/apimachinery/selectors/label-selector';
import type { INodeSelectorRequirement as NodeSelectorRequirement } from 'kubernetes-models/v1/NodeSelectorRequirement';
import type { INodeSelectorTerm as NodeSelectorTerm } from 'kubernetes-models/v1/NodeSelectorTerm';
import type { ITaint as Taint } from 'kubernetes-models/v1/Taint';
import type { IToleration as Toleration } from 'kubernetes-models/v1/Toleration';
import type { SpreadConstraint } from './constraints';

export type NodeMatcher = (node: Node) => boolean;

const operators: Record<string, LabelOperator> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
  Gt: 'gt',
  Lt: 'lt',
};

const never: NodeMatcher = () => false;

// A term is its label expressions ANDed with its metadata.name fields; an empty or unparsable
// term matches no node, as nodeaffinity's NodeSelector does.
const termMatcher = (term: NodeSelectorTerm): NodeMatcher => {
  const expressions: readonly NodeSelectorRequirement[] = term.matchExpressions ?? [];
  const fields: readonly NodeSelectorRequirement[] = term.matchFields ?? [];
  if (!expressions.length && !fields.length) return never;
  const requirements: LabelRequirement[] = [];
  for (const e of expressions) {
    const operator = operators[e.operator];
    const built = operator && newLabelRequirement(e.key, operator, [...(e.values ?? [])]);
    if (!built || built.error) return never;
    requirements.push(built.requirement);
  }
  const names: NodeMatcher[] = [];
  for (const f of fields) {
    if (f.key !== 'metadata.name' || f.values?.length !== 1 || (f.operator !== 'In' && f.operator !== 'NotIn'))
      return never;
    const [name] = f.values;
    names.push(f.operator === 'In' ? (n) => n.metadata.name === name : (n) => n.metadata.name !== name);
  }
  const selector = labelSelectorOf(requirements);
  return (node) => selector.matches(node.metadata.labels ?? {}) && names.every((m) => m(node));
};

/** The pod's nodeSelector and required node affinity, as one test a node passes or not. */
export const requiredNodeAffinity = (pod: Pod): NodeMatcher => {
  const nodeSelector = Object.entries(pod.spec?.nodeSelector ?? {});
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const terms = required ? (required.nodeSelectorTerms ?? []).map(termMatcher) : undefined;
  if (!nodeSelector.length && !terms) return () => true;
  return (node) => {
    const labels = node.metadata.labels ?? {};
    const selected = nodeSelector.every(([k, v]) => Object.prototype.hasOwnProperty.call(labels, k) && labels[k] === v);
    return selected && (!terms || terms.some((m) => m(node)));
  };
};

const tolerates = (t: Toleration, taint: Taint): boolean => {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  return (t.operator ?? 'Equal') === 'Equal' && (t.value ?? '') === (taint.value ?? '');
};

export const hasUntoleratedTaint = (node: Node, tolerations: readonly Toleration[] | undefined): boolean =>
  (node.spec?.taints ?? []).some(
    (taint) =>
      (taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') &&
      !(tolerations ?? []).some((t) => tolerates(t, taint)),
  );

export const nodeIncluded = (c: SpreadConstraint, pod: Pod, node: Node, affinity: NodeMatcher): boolean =>
  (c.nodeAffinityPolicy !== 'Honor' || affinity(node)) &&
  (c.nodeTaintsPolicy !== 'Honor' || !hasUntoleratedTaint(node, pod.spec?.tolerations));
