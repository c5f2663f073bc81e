// The pod being scheduled as InterPodAffinity reads it, worked out once per cycle: its terms,
// with the namespaces their namespaceSelectors pick resolved into names (so matching an existing
// pod needs no lookup of that pod's namespace, as kube merges them), and the labels of its own
// namespace, which the namespaceSelectors of existing pods' terms look at.
import type { Namespace, Pod } from '@kubenest/api/core/types';
import { nothingLabelSelector } from '@kubenest/apimachinery/selectors/label-selector';
import type { Lister } from '@kubenest/controllers';
import { type AffinityTerm, termMatches, type WeightedAffinityTerm } from '../../../framework/affinity-term';
import { newPodInfo, type PodInfo } from '../../../framework/pod-info';
import { labelsSignature } from '../shared/signature';

export interface IncomingPod {
  readonly pod: Pod;
  /** The pod's terms, namespaceSelectors resolved. */
  readonly info: PodInfo;
  /** Its namespace's labels; none when the namespace is not known. */
  readonly namespaceLabels: Readonly<Record<string, string>>;
}

/**
 * The term with the namespaces its selector picks added to its list and the selector dropped.
 * An empty selector (`{}`: every namespace) is kept, as it already matches without a lookup.
 */
export const resolveNamespaces = <T extends AffinityTerm>(term: T, namespaces: Lister<Namespace>): T => {
  const selector = term.namespaceSelector;
  if (selector.empty || selector === nothingLabelSelector) return term;
  const names = new Set(term.namespaces);
  for (const ns of namespaces.list({ selector })) if (ns.metadata.name) names.add(ns.metadata.name);
  return { ...term, namespaces: names, namespaceSelector: nothingLabelSelector };
};

export const incomingPod = (pod: Pod, namespaces: Lister<Namespace>): IncomingPod => {
  const parsed = newPodInfo(pod);
  const resolve = <T extends AffinityTerm>(terms: readonly T[]): T[] =>
    terms.map((t) => resolveNamespaces(t, namespaces));
  const info: PodInfo = {
    ...parsed,
    requiredAffinityTerms: resolve(parsed.requiredAffinityTerms),
    requiredAntiAffinityTerms: resolve(parsed.requiredAntiAffinityTerms),
    preferredAffinityTerms: resolve<WeightedAffinityTerm>(parsed.preferredAffinityTerms),
    preferredAntiAffinityTerms: resolve<WeightedAffinityTerm>(parsed.preferredAntiAffinityTerms),
  };
  const namespaceLabels = namespaces.get(undefined, pod.metadata.namespace ?? '')?.metadata.labels ?? {};
  return { pod, info, namespaceLabels };
};

/**
 * Whether `pod` matches every one of the incoming pod's (resolved) terms; false for no terms. The
 * namespaceSelectors are resolved already, so no namespace labels are needed.
 */
export const matchesAllTerms = (terms: readonly AffinityTerm[], pod: Pod): boolean =>
  terms.length > 0 && terms.every((t) => termMatches(t, pod, undefined));

/**
 * All that existing pods' terms look at in the incoming pod (its namespace, its labels and its
 * namespace's labels): the key under which their per-node answers are memoised.
 */
export const existingTermsKey = (incoming: IncomingPod): string =>
  [
    incoming.pod.metadata.namespace ?? '',
    labelsSignature(incoming.pod.metadata.labels),
    labelsSignature(incoming.namespaceLabels),
  ].join('\0');
