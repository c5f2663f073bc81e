// Pod (anti-)affinity terms parsed once per pod, as kube-scheduler's framework.AffinityTerm: the
// namespaces a term looks in (its own list, or the pod's namespace when it names neither a list
// nor a selector), the selectors as matchers, the topology key.
import type { Pod } from '@kubenest/api/core/types';
import {
  type LabelSelector,
  type LabelSelectorObject,
  labelSelectorFromObject,
  nothingLabelSelector,
} from '@kubenest/apimachinery/selectors/label-selector';

export interface AffinityTerm {
  namespaces: ReadonlySet<string>;
  /** Namespaces whose labels match are looked in too; matches nothing when the term has none. */
  namespaceSelector: LabelSelector;
  selector: LabelSelector;
  topologyKey: string;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

/** What a term in a pod spec looks like (v1.PodAffinityTerm). */
export interface PodAffinityTermSpec {
  labelSelector?: LabelSelectorObject | null;
  namespaces?: string[] | null;
  namespaceSelector?: LabelSelectorObject | null;
  topologyKey: string;
  matchLabelKeys?: string[] | null;
  mismatchLabelKeys?: string[] | null;
}

/**
 * The term as the scheduler matches it. matchLabelKeys / mismatchLabelKeys take their values from
 * the pod's own labels (`key in (value)` / `key notin (value)`), as kube-apiserver merges them
 * into the selector at pod creation in 1.33.
 */
export const affinityTerm = (pod: Pod, spec: PodAffinityTermSpec): AffinityTerm => {
  const labels = pod.metadata.labels ?? {};
  const selectorObject: LabelSelectorObject | null | undefined = spec.labelSelector
    ? {
        matchLabels: spec.labelSelector.matchLabels,
        matchExpressions: [
          ...(spec.labelSelector.matchExpressions ?? []),
          ...(spec.matchLabelKeys ?? [])
            .filter((k) => k in labels)
            .map((key) => ({ key, operator: 'In', values: [labels[key]] })),
          ...(spec.mismatchLabelKeys ?? [])
            .filter((k) => k in labels)
            .map((key) => ({ key, operator: 'NotIn', values: [labels[key]] })),
        ],
      }
    : spec.labelSelector;
  const namespaces = new Set(spec.namespaces ?? []);
  if (namespaces.size === 0 && !spec.namespaceSelector) namespaces.add(pod.metadata.namespace ?? 'default');
  return {
    namespaces,
    namespaceSelector: spec.namespaceSelector ? labelSelectorFromObject(spec.namespaceSelector) : nothingLabelSelector,
    selector: labelSelectorFromObject(selectorObject),
    topologyKey: spec.topologyKey,
  };
};

/** Whether `pod` (in a namespace labelled `namespaceLabels`) is one the term selects. */
export const termMatches = (
  term: AffinityTerm,
  pod: Pod,
  namespaceLabels: Readonly<Record<string, string>> | undefined,
): boolean =>
  (term.namespaces.has(pod.metadata.namespace ?? '') || term.namespaceSelector.matches(namespaceLabels ?? {})) &&
  term.selector.matches(pod.metadata.labels ?? {});
