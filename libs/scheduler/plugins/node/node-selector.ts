// Node selectors as the scheduler matches them (component-helpers' nodeaffinity): terms are
// ORed, a term's matchExpressions (on labels) and matchFields (on metadata.name) are ANDed, an
// empty term matches nothing, and a term that does not parse matches nothing while the others
// still may.
import type { Node, Pod } from '@kubenest/api/core/types';
import {
  LabelOperator,
  LabelRequirement,
  labelSelectorOf,
  newLabelRequirement,
} from '@kubenest/apimachinery/selectors';
import type { INodeAffinity as NodeAffinity } from 'kubernetes-models/v1/NodeAffinity';
import type { INodeSelector as NodeSelector } from 'kubernetes-models/v1/NodeSelector';
import type { INodeSelectorRequirement as NodeSelectorRequirement } from 'kubernetes-models/v1/NodeSelectorRequirement';
import type { INodeSelectorTerm as NodeSelectorTerm } from 'kubernetes-models/v1/NodeSelectorTerm';
import type { IPreferredSchedulingTerm as PreferredSchedulingTerm } from 'kubernetes-models/v1/PreferredSchedulingTerm';

export type { NodeAffinity, NodeSelector, NodeSelectorTerm, PreferredSchedulingTerm };

export type NodeMatcher = (node: Node) => boolean;

export const OBJECT_NAME_FIELD = 'metadata.name';

const operators: Record<NodeSelectorRequirement['operator'], LabelOperator> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
  Gt: 'gt',
  Lt: 'lt',
};

const nothing: NodeMatcher = () => false;

const labelMatcher = (expressions: readonly NodeSelectorRequirement[]): NodeMatcher | undefined => {
  const requirements: LabelRequirement[] = [];
  for (const e of expressions) {
    const operator = operators[e.operator];
    if (!operator) return undefined;
    const { requirement, error } = newLabelRequirement(e.key, operator, [...(e.values ?? [])]);
    if (error) return undefined;
    requirements.push(requirement);
  }
  const selector = labelSelectorOf(requirements);
  return (node) => selector.matches(node.metadata.labels ?? {});
};

// Only metadata.name, with In or NotIn and exactly one value, is a node field selector.
const fieldMatcher = (fields: readonly NodeSelectorRequirement[]): NodeMatcher | undefined => {
  const checks: NodeMatcher[] = [];
  for (const f of fields) {
    if (f.key !== OBJECT_NAME_FIELD || f.values?.length !== 1) return undefined;
    const [name] = f.values;
    if (f.operator === 'In') checks.push((node) => node.metadata.name === name);
    else if (f.operator === 'NotIn') checks.push((node) => node.metadata.name !== name);
    else return undefined;
  }
  return (node) => checks.every((check) => check(node));
};

export const nodeSelectorTermMatcher = (term: NodeSelectorTerm | undefined): NodeMatcher => {
  const expressions = term?.matchExpressions ?? [];
  const fields = term?.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return nothing;
  const labels = labelMatcher(expressions);
  const names = fieldMatcher(fields);
  if (!labels || !names) return nothing;
  return (node) => labels(node) && names(node);
};

export const nodeSelectorMatcher = (selector: NodeSelector): NodeMatcher => {
  const terms = (selector.nodeSelectorTerms ?? []).map(nodeSelectorTermMatcher);
  return (node) => terms.some((matches) => matches(node));
};

/** The pod's nodeSelector and required node affinity, both of which a node must match. */
export const requiredNodeAffinity = (pod: Pod): NodeMatcher => {
  const selector = Object.entries(pod.spec?.nodeSelector ?? {});
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const terms = required ? nodeSelectorMatcher(required) : undefined;
  return (node) => {
    const labels = node.metadata.labels ?? {};
    if (!selector.every(([k, v]) => Object.prototype.hasOwnProperty.call(labels, k) && labels[k] === v)) return false;
    return !terms || terms(node);
  };
};

/** Sums the weights of the preferred terms a node matches; zero-weight terms are left out. */
export const preferredTermsScorer = (terms: readonly PreferredSchedulingTerm[]): ((node: Node) => number) => {
  const weighted = terms
    .filter((t) => t.weight !== 0)
    .map((t) => ({ weight: t.weight, matches: nodeSelectorTermMatcher(t.preference) }));
  return (node) => weighted.reduce((sum, t) => (t.matches(node) ? sum + t.weight : sum), 0);
};
