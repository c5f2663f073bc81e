// What InterPodAffinity's pre-filter hands its filter: pods counted by topology pair, in the
// three directions kube keeps (existing pods' required anti-affinity against the incoming pod,
// existing pods matching the incoming pod's required affinity, and its required anti-affinity).
// Preemption's what-ifs add and remove pods through updateWithPod.
import type { Node } from '@kubenest/api/core/types';
import { termMatches } from '../../../framework/affinity-term';
import type { StateData } from '../../../framework/cycle-state';
import type { PodInfo } from '../../../framework/pod-info';
import { PairTally, Pairs, TopologyCounts } from '../shared/topology-pair';
import { IncomingPod, matchesAllTerms } from './incoming-pod';

export const PRE_FILTER_STATE_KEY = 'PreFilterInterPodAffinity';

/** The pairs of a node whose pods' required anti-affinity terms select the incoming pod. */
export const existingAntiAffinityPairs = (incoming: IncomingPod, pods: readonly PodInfo[], node: Node): Pairs => {
  const tally = new PairTally();
  for (const existing of pods)
    for (const term of existing.requiredAntiAffinityTerms)
      if (termMatches(term, incoming.pod, incoming.namespaceLabels)) tally.count(node, term.topologyKey);
  return tally.pairs();
};

/** The pairs of a node's pods matching the incoming pod's required affinity / anti-affinity. */
export const incomingTermPairs = (
  incoming: IncomingPod,
  pods: readonly PodInfo[],
  node: Node,
): { affinity: Pairs; antiAffinity: Pairs } => {
  const { requiredAffinityTerms, requiredAntiAffinityTerms } = incoming.info;
  const affinity = new PairTally();
  const antiAffinity = new PairTally();
  for (const { pod } of pods) {
    if (matchesAllTerms(requiredAffinityTerms, pod))
      for (const term of requiredAffinityTerms) affinity.count(node, term.topologyKey);
    for (const term of requiredAntiAffinityTerms)
      if (termMatches(term, pod, undefined)) antiAffinity.count(node, term.topologyKey);
  }
  return { affinity: affinity.pairs(), antiAffinity: antiAffinity.pairs() };
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
      this.existingAntiAffinityCounts.clone(),
      this.affinityCounts.clone(),
      this.antiAffinityCounts.clone(),
    );
  }

  /** Counts a pod put on (1) or taken off (-1) a node in a what-if. */
  updateWithPod(changed: PodInfo, node: Node, sign: 1 | -1): void {
    this.existingAntiAffinityCounts.addAll(existingAntiAffinityPairs(this.incoming, [changed], node), sign);
    const { affinity, antiAffinity } = incomingTermPairs(this.incoming, [changed], node);
    this.affinityCounts.addAll(affinity, sign);
    this.antiAffinityCounts.addAll(antiAffinity, sign);
  }
}
