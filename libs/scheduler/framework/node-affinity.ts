// Node affinity as the scheduler matches it (NodeAffinity, PodTopologySpread's nodeAffinityPolicy)
// and as component-helpers' nodeaffinity does: terms are ORed, a term's matchExpressions (on
// labels) and matchFields (on metadata.name) are ANDed, an empty term matches nothing, and a term
// that does not parse matches nothing while the others still may.
import type { Node, Pod } from '@kubenest/api/core/types';
import {
  type LabelOperator,
  type LabelRequirement,
  labelSelectorOf,
  newLabelRequirement,
} from '@kubenest/apimachinery/selectors/label-selector';
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

/** A term compiled once; `error` says why it does not parse (it then matches nothing). */
interface CompiledTerm {
  matches: NodeMatcher;
  error?: string;
}

const labelMatcher = (expressions: readonly NodeSelectorRequirement[]): CompiledTerm => {
  const requirements: LabelRequirement[] = [];
  for (const e of expressions) {
    const operator = operators[e.operator];
    if (!operator)
      return { matches: nothing, error: `${JSON.stringify(e.operator)} is not a valid label selector operator` };
    const { requirement, error } = newLabelRequirement(e.key, operator, [...(e.values ?? [])]);
    if (error) return { matches: nothing, error };
    requirements.push(requirement);
  }
  const selector = labelSelectorOf(requirements);
  return { matches: (node) => selector.matches(node.metadata.labels ?? {}) };
};

// Only metadata.name, with In or NotIn and exactly one value, is a node field selector.
const fieldMatcher = (fields: readonly NodeSelectorRequirement[]): CompiledTerm => {
  const checks: NodeMatcher[] = [];
  for (const f of fields) {
    if (f.key !== OBJECT_NAME_FIELD) return { matches: nothing, error: `${f.key}: must be '${OBJECT_NAME_FIELD}'` };
    if (f.values?.length !== 1)
      return {
        matches: nothing,
        error: `unexpected number of value (${f.values?.length ?? 0}) for node field selector`,
      };
    const [name] = f.values;
    if (f.operator === 'In') checks.push((node) => node.metadata.name === name);
    else if (f.operator === 'NotIn') checks.push((node) => node.metadata.name !== name);
    else
      return { matches: nothing, error: `${JSON.stringify(f.operator)} is not a valid node field selector operator` };
  }
  return { matches: (node) => checks.every((check) => check(node)) };
};

const isEmptyTerm = (term: NodeSelectorTerm | undefined): boolean =>
  !term?.matchExpressions?.length && !term?.matchFields?.length;

const compileTerm = (term: NodeSelectorTerm | undefined): CompiledTerm => {
  if (isEmptyTerm(term)) return { matches: nothing };
  const labels = labelMatcher(term?.matchExpressions ?? []);
  const names = fieldMatcher(term?.matchFields ?? []);
  const error = labels.error ?? names.error;
  if (error) return { matches: nothing, error };
  return { matches: (node) => labels.matches(node) && names.matches(node) };
};

export const nodeSelectorTermMatcher = (term: NodeSelectorTerm | undefined): NodeMatcher => compileTerm(term).matches;

export const nodeSelectorMatcher = (selector: NodeSelector): NodeMatcher => {
  const terms = (selector.nodeSelectorTerms ?? []).map(nodeSelectorTermMatcher);
  return (node) => terms.some((matches) => matches(node));
};

/** Why the selector's terms do not parse (the profile's enforced affinity must parse). */
export const nodeSelectorErrors = (selector: NodeSelector): string[] =>
  (selector.nodeSelectorTerms ?? []).flatMap((t, i) => {
    const { error } = compileTerm(t);
    return error ? [`nodeSelectorTerms[${i}]: ${error}`] : [];
  });

/** The pod's nodeSelector and required node affinity, both of which a node must match. */
export const requiredNodeAffinity = (pod: Pod): NodeMatcher => {
  const selector = Object.entries(pod.spec?.nodeSelector ?? {});
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const terms = required ? nodeSelectorMatcher(required) : undefined;
  if (!selector.length && !terms) return () => true;
  return (node) => {
    const labels = node.metadata.labels ?? {};
    if (!selector.every(([k, v]) => Object.prototype.hasOwnProperty.call(labels, k) && labels[k] === v)) return false;
    return !terms || terms(node);
  };
};

export interface PreferredTermsScorer {
  score(node: Node): number;
  /** Why terms do not parse; kube fails the cycle for such a pod rather than ignore them. */
  errors: string[];
}

/** Sums the weights of the preferred terms a node matches; zero-weight and empty terms are left out. */
export const preferredTermsScorer = (terms: readonly PreferredSchedulingTerm[]): PreferredTermsScorer => {
  const errors: string[] = [];
  const weighted: Array<{ weight: number; matches: NodeMatcher }> = [];
  terms.forEach((t, i) => {
    if (t.weight === 0 || isEmptyTerm(t.preference)) return;
    const { matches, error } = compileTerm(t.preference);
    if (error) errors.push(`[${i}].preference: ${error}`);
    else weighted.push({ weight: t.weight, matches });
  });
  return { score: (node) => weighted.reduce((sum, t) => (t.matches(node) ? sum + t.weight : sum), 0), errors };
};
