// InterPodAffinity's scores, as kube's: every existing pod and the incoming pod weigh on each
// other's domains in both directions (the incoming pod's preferred terms toward existing pods;
// existing pods' preferred terms, and their required affinity at hardPodAffinityWeight, toward
// the incoming pod); anti-affinity weighs negative. A node scores the sum over its topology
// pairs, and the scores are brought into 0..100 between their minimum and maximum.
import type { Node, Pod } from '@kubenest/api/core/types';
import { type AffinityTerm, termMatches, type WeightedAffinityTerm } from '../../../framework/affinity-term';
import type { StateData } from '../../../framework/cycle-state';
import { NodeInfo } from '../../../framework/node-info';
import { MAX_NODE_SCORE, type NodeScore } from '../../../framework/plugin';
import type { PodInfo } from '../../../framework/pod-info';
import { NodeMemo } from '../shared/node-memo';
import { termSignature } from '../shared/signature';
import { NO_PAIRS, PairTally, Pairs, TopologyCounts } from '../shared/topology-pair';
import { existingTermsKey, type IncomingPod } from './incoming-pod';

export const PRE_SCORE_STATE_KEY = 'PreScoreInterPodAffinity';

export class InterPodAffinityScoreState implements StateData {
  constructor(readonly weights: TopologyCounts) {}

  // Read-only once written: copies may share it.
  clone(): InterPodAffinityScoreState {
    return this;
  }

  /** The weights of the node's pairs, summed over the topology keys it carries. */
  score(node: Node): number {
    let score = 0;
    for (const key of this.weights.keys()) score += this.weights.onNode(node, key);
    return score;
  }
}

type Weigh = (
  tally: PairTally,
  term: AffinityTerm,
  weight: number,
  pod: Pod,
  namespaceLabels: Readonly<Record<string, string>> | undefined,
) => void;

const weigher =
  (node: Node): Weigh =>
  (tally, term, weight, pod, namespaceLabels) => {
    if (termMatches(term, pod, namespaceLabels)) tally.count(node, term.topologyKey, weight);
  };

/** What the existing pods' terms on a node give the incoming pod. */
export const existingPodsWeights = (
  incoming: IncomingPod,
  pods: readonly PodInfo[],
  node: Node,
  hardPodAffinityWeight: number,
): Pairs => {
  const weights = new PairTally();
  const weigh = weigher(node);
  const { pod, namespaceLabels } = incoming;
  for (const existing of pods) {
    if (hardPodAffinityWeight > 0)
      for (const term of existing.requiredAffinityTerms)
        weigh(weights, term, hardPodAffinityWeight, pod, namespaceLabels);
    for (const term of existing.preferredAffinityTerms) weigh(weights, term, term.weight, pod, namespaceLabels);
    for (const term of existing.preferredAntiAffinityTerms) weigh(weights, term, -term.weight, pod, namespaceLabels);
  }
  return weights.pairs();
};

/** What the incoming pod's preferred terms make of the pods on a node. */
export const incomingTermsWeights = (incoming: IncomingPod, pods: readonly PodInfo[], node: Node): Pairs => {
  const weights = new PairTally();
  const weigh = weigher(node);
  const { preferredAffinityTerms, preferredAntiAffinityTerms } = incoming.info;
  for (const { pod } of pods) {
    for (const term of preferredAffinityTerms) weigh(weights, term, term.weight, pod, undefined);
    for (const term of preferredAntiAffinityTerms) weigh(weights, term, -term.weight, pod, undefined);
  }
  return weights.pairs();
};

const weightedSignature = (terms: readonly WeightedAffinityTerm[]): string =>
  terms.map((t) => `${t.weight}\x02${termSignature(t)}`).join('\0');

export class InterPodAffinityScorer {
  private readonly existingMemo = new NodeMemo<Pairs>();
  private readonly incomingMemo = new NodeMemo<Pairs>();

  constructor(private readonly hardPodAffinityWeight: number) {}

  /** The summed weights by topology pair; undefined when nothing weighs anywhere. */
  weigh(
    incoming: IncomingPod,
    allNodes: readonly NodeInfo[],
    nodesWithAffinity: readonly NodeInfo[],
  ): TopologyCounts | undefined {
    const contributions: Pairs[] = [];
    const keep = (pairs: Pairs): void => {
      if (pairs.length) contributions.push(pairs);
    };
    this.existingMemo.forEach(
      existingTermsKey(incoming),
      nodesWithAffinity,
      (info) =>
        info.node
          ? existingPodsWeights(incoming, info.podsWithAffinity, info.node, this.hardPodAffinityWeight)
          : NO_PAIRS,
      keep,
    );
    const { preferredAffinityTerms, preferredAntiAffinityTerms } = incoming.info;
    if (preferredAffinityTerms.length || preferredAntiAffinityTerms.length) {
      const incomingKey = `${weightedSignature(preferredAffinityTerms)}\0\0${weightedSignature(preferredAntiAffinityTerms)}`;
      this.incomingMemo.forEach(
        incomingKey,
        allNodes,
        (info) => (info.node ? incomingTermsWeights(incoming, info.pods, info.node) : NO_PAIRS),
        keep,
      );
    }
    if (!contributions.length) return undefined;
    return TopologyCounts.sum(contributions);
  }
}

/** Min–max into 0..100, as kube; all equal scores become 0. */
export const normalizeMinMax = (scores: NodeScore[]): void => {
  let min = Infinity;
  let max = -Infinity;
  for (const { score } of scores) {
    if (score < min) min = score;
    if (score > max) max = score;
  }
  const spread = max - min;
  // In kube's order of float operations, so a score lands on the same integer.
  for (const s of scores) s.score = spread > 0 ? Math.trunc(MAX_NODE_SCORE * ((s.score - min) / spread)) : 0;
};
