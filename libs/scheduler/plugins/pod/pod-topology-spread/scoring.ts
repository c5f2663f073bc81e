// PodTopologySpread's ScheduleAnyway score, as kube's: a node scores the matching pods of its
// domains, each constraint weighted by log(number of domains + 2) so small topologies are not
// drowned by big ones, plus maxSkew-1 to soften small skews; then reversed into 0..100 so the
// node with the fewest matching pods scores highest. Hostname domains are counted per node.
import type { Pod } from '@kubenest/api/core/types';
import type { StateData } from '../../../framework/cycle-state';
import { NodeInfo } from '../../../framework/node-info';
import { MAX_NODE_SCORE, type NodeScore } from '../../../framework/plugin';
import type { Snapshot } from '../../../framework/snapshot';
import { nodeLabel } from '../shared/topology-pair';
import { hasAllTopologyKeys, LABEL_HOSTNAME, SpreadConstraint } from './constraints';
import { requiredNodeAffinity } from '../../../framework/node-affinity';
import { type DomainTallies, domainCounting } from './domain-tally';

export const PRE_SCORE_STATE_KEY = 'PreScorePodTopologySpread';

export class SpreadScoreState implements StateData {
  constructor(
    readonly constraints: readonly SpreadConstraint[],
    /** Nodes missing a topology key: scored 0 after normalising. */
    readonly ignoredNodes: ReadonlySet<string>,
    /** Per constraint: domain → matching pods (hostname constraints are counted per node). */
    readonly domainCounts: readonly Map<string, number>[],
    readonly weights: readonly number[],
    /** Per hostname constraint: node name → matching pods (none where absent). */
    private readonly podsByNode: readonly (ReadonlyMap<string, number> | undefined)[],
  ) {}

  // Read-only once written: copies may share it.
  clone(): SpreadScoreState {
    return this;
  }

  score(info: NodeInfo): number {
    const node = info.node;
    if (!node || this.ignoredNodes.has(info.name!)) return 0;
    let score = 0;
    for (let i = 0; i < this.constraints.length; i++) {
      const c = this.constraints[i];
      const value = nodeLabel(node, c.topologyKey);
      if (value === undefined) continue;
      const perNode = this.podsByNode[i];
      const count = (perNode ? perNode.get(info.name!) : this.domainCounts[i].get(value)) ?? 0;
      score += count * this.weights[i] + (c.maxSkew - 1);
    }
    return Math.round(score);
  }
}

/**
 * The domains are those of the feasible nodes; the pods are counted over every node the node
 * policies include (kept as running tallies across cycles). requireAllTopologies is off only for the system defaults, so nodes without
 * a zone still spread by hostname (their zone domain is the empty value).
 */
export const spreadScoreState = (
  pod: Pod,
  constraints: readonly SpreadConstraint[],
  feasible: readonly NodeInfo[],
  snapshot: Snapshot,
  requireAllTopologies: boolean,
  tallies: DomainTallies,
): SpreadScoreState => {
  const namespace = pod.metadata.namespace ?? '';
  const ignored = new Set<string>();
  const domainCounts = constraints.map(() => new Map<string, number>());
  for (const info of feasible) {
    const node = info.node;
    if (!node) continue;
    if (requireAllTopologies && !hasAllTopologyKeys(node, constraints)) {
      ignored.add(info.name!);
      continue;
    }
    constraints.forEach((c, i) => {
      if (c.topologyKey !== LABEL_HOSTNAME) domainCounts[i].set(nodeLabel(node, c.topologyKey) ?? '', 0);
    });
  }
  const weights = constraints.map((c, i) =>
    Math.log((c.topologyKey === LABEL_HOSTNAME ? feasible.length - ignored.size : domainCounts[i].size) + 2),
  );
  const nodeAffinity = requiredNodeAffinity(pod);
  constraints.forEach((c, i) => {
    if (c.topologyKey === LABEL_HOSTNAME) return;
    const counting = domainCounting(pod, c, constraints, requireAllTopologies, nodeAffinity);
    const matching = tallies.podsByDomain(snapshot, counting);
    const counts = domainCounts[i];
    for (const value of counts.keys()) counts.set(value, matching.get(value) ?? 0);
  });
  const podsByNode = constraints.map((c) =>
    c.topologyKey === LABEL_HOSTNAME ? tallies.podsByNode(snapshot, namespace, c.selector) : undefined,
  );
  return new SpreadScoreState(constraints, ignored, domainCounts, weights, podsByNode);
};

/** Fewer matching pods, higher score: max + min - score over max, in kube's integer arithmetic. */
export const normalizeReversed = (scores: NodeScore[], ignored: ReadonlySet<string>): void => {
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  for (const s of scores) {
    if (ignored.has(s.name)) continue;
    if (s.score < min) min = s.score;
    if (s.score > max) max = s.score;
  }
  for (const s of scores) {
    if (ignored.has(s.name)) s.score = 0;
    else if (max === 0) s.score = MAX_NODE_SCORE;
    else s.score = Math.trunc((MAX_NODE_SCORE * (max + min - s.score)) / max);
  }
};
