// A pod with what the plugins read of it worked out once, as kube-scheduler's framework.PodInfo:
// its affinity terms parsed, its requests summed, its host ports listed.
import type { Pod } from '@kubenest/api/core/types';
import { AffinityTerm, affinityTerm, PodAffinityTermSpec, WeightedAffinityTerm } from './affinity-term';
import { HostPort, podHostPorts } from './host-ports';
import { podRequests, Resources } from './resources';

export interface PodInfo {
  readonly pod: Pod;
  readonly requiredAffinityTerms: readonly AffinityTerm[];
  readonly requiredAntiAffinityTerms: readonly AffinityTerm[];
  readonly preferredAffinityTerms: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: readonly WeightedAffinityTerm[];
  readonly requests: Resources;
  /** Requests with 100m / 200Mi for containers that ask for none, as scoring counts them. */
  readonly nonZeroRequests: Resources;
  readonly hostPorts: readonly HostPort[];
  /** Set when a term's selector does not parse; such a term matches nothing. */
  readonly parseError?: string;
}

interface WeightedSpec {
  weight: number;
  podAffinityTerm: PodAffinityTermSpec;
}

export const newPodInfo = (pod: Pod): PodInfo => {
  let parseError: string | undefined;
  const terms = (specs: PodAffinityTermSpec[] | undefined): AffinityTerm[] =>
    (specs ?? []).flatMap((spec) => {
      try {
        return [affinityTerm(pod, spec)];
      } catch (err) {
        parseError ??= (err as Error).message;
        return [];
      }
    });
  const weighted = (specs: WeightedSpec[] | undefined): WeightedAffinityTerm[] =>
    (specs ?? []).flatMap((s) => terms([s.podAffinityTerm]).map((t) => ({ ...t, weight: s.weight })));
  const affinity = pod.spec?.affinity;
  return {
    pod,
    requiredAffinityTerms: terms(affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
    requiredAntiAffinityTerms: terms(affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
    preferredAffinityTerms: weighted(affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAntiAffinityTerms: weighted(affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    requests: podRequests(pod),
    nonZeroRequests: podRequests(pod, true),
    hostPorts: podHostPorts(pod),
    parseError,
  };
};

export const hasAffinity = (p: PodInfo): boolean =>
  p.requiredAffinityTerms.length +
    p.requiredAntiAffinityTerms.length +
    p.preferredAffinityTerms.length +
    p.preferredAntiAffinityTerms.length >
  0;
