// What InterPodAffinity's pre-filter hands its filter: pods counted by topology pair, in the
// three directions kube keeps (existing pods' required anti-affinity against the incoming pod,
// existing pods matching the incoming pod's required affinity, and its required anti-affinity).
// Preemption's what-ifs add and remove pods through updateWithPod.
import type { Node } from '@kubenest/api/core/types';
import { PodInfo, StateData, termMatches } from '../../../framework';
import { addCount, nodeLabel, pairKey, TopologyCounts } from '../shared/topology-pair';
import { IncomingPod, matchesAllTerms } from './incoming-pod';

export const PRE_FILTER_STATE_KEY = 'PreFilterInterPodAffinity';

export type Pairs = readonly (readonly [string, number])[];

export const NO_PAIRS: Pairs = Object.freeze([]);

const count = (pairs: Map<string, number>, node: Node, topologyKey: string): void => {
  const value = nodeLabel(node, topologyKey);
  if (value !== undefined) addCount(pairs, pairKey(topologyKey, value), 1);
};

const asPairs = (pairs: Map<string, number>): Pairs => (pairs.size ? [...pairs] : NO_PAIRS);

/** The pairs of a node whose pods' required anti-affinity terms select the incoming pod. */
export const existingAntiAffinityPairs = (incoming: IncomingPod, pods: readonly PodInfo[], node: Node): Pairs => {
  const pairs = new Map<string, number>();
  for (const existing of pods)
    for (const term of existing.requiredAntiAffinityTerms)
      if (termMatches(term, incoming.pod, incoming.namespaceLabels)) count(pairs, node, term.topologyKey);
  return asPairs(pairs);
};

/** The pairs of a node's pods matching the incoming pod's required affinity / anti-affinity. */
export const incomingTermPairs = (
  incoming: IncomingPod,
  pods: readonly PodInfo[],
  node: Node,
): { affinity: Pairs; antiAffinity: Pairs } => {
  const { requiredAffinityTerms, requiredAntiAffinityTerms } = incoming.info;
  const affinity = new Map<string, number>();
  const antiAffinity = new Map<string, number>();
  for (const { pod } of pods) {
    if (matchesAllTerms(requiredAffinityTerms, pod))
      for (const term of requiredAffinityTerms) count(affinity, node, term.topologyKey);
    for (const term of requiredAntiAffinityTerms)
      if (termMatches(term, pod, undefined)) count(antiAffinity, node, term.topologyKey);
  }
  return { affinity: asPairs(affinity), antiAffinity: asPairs(antiAffinity) };
};

const addPairs = (counts: TopologyCounts, pairs: Pairs, sign: 1 | -1): void => {
  for (const [key, n] of pairs) addCount(counts, key, sign * n);
};

export class InterPodAffinityState implements StateData {
  constructor(
    readonly incoming: IncomingPod,
    /** Existing pods whose required anti-affinity terms select the incoming pod. */
    readonly existingAntiAffinityCounts: TopologyCounts,
    /** Existing pods matching all the incoming pod's required affinity terms. */
    readonly affinityCounts: TopologyCounts,
    /** Existing pods matching the incoming pod's required anti-affinity terms, per term. */
    readonly antiAffinityCounts: TopologyCounts,
  ) {}

  clone(): InterPodAffinityState {
    return new InterPodAffinityState(
      this.incoming,
      new Map(this.existingAntiAffinityCounts),
      new Map(this.affinityCounts),
      new Map(this.antiAffinityCounts),
    );
  }

  /** Counts a pod put on (1) or taken off (-1) a node in a what-if. */
  updateWithPod(changed: PodInfo, node: Node, sign: 1 | -1): void {
    addPairs(this.existingAntiAffinityCounts, existingAntiAffinityPairs(this.incoming, [changed], node), sign);
    const { affinity, antiAffinity } = incomingTermPairs(this.incoming, [changed], node);
    addPairs(this.affinityCounts, affinity, sign);
    addPairs(this.antiAffinityCounts, antiAffinity, sign);
  }
}
