// What PodTopologySpread's pre-filter hands its filter, as kube's preFilterState: per
// DoNotSchedule constraint, the matching pods by domain over the eligible nodes (those with
// every constraint's key that the node policies include) and the two smallest domains.
// Preemption's what-ifs move pods in and out through updateWithPod.
import type { Node, Pod } from '@kubenest/api/core/types';
import type { StateData } from '../../../framework/cycle-state';
import type { Snapshot } from '../../../framework/snapshot';
import { nodeLabel } from '../shared/topology-pair';
import { hasAllTopologyKeys, SpreadConstraint } from './constraints';
import { CriticalPaths } from './critical-paths';
import { type NodeMatcher, requiredNodeAffinity } from '../../../framework/node-affinity';
import { nodeIncluded } from './node-inclusion';
import { type DomainTallies, domainCounting } from './domain-tally';

export const PRE_FILTER_STATE_KEY = 'PreFilterPodTopologySpread';

export class SpreadFilterState implements StateData {
  /** Per constraint, 1 when the incoming pod is one of the pods it counts. */
  readonly selfMatch: readonly number[];

  constructor(
    readonly pod: Pod,
    readonly nodeAffinity: NodeMatcher,
    readonly constraints: readonly SpreadConstraint[],
    /** Per constraint: domain (topology value) → matching pods. */
    readonly domainCounts: Map<string, number>[],
    readonly paths: CriticalPaths[],
  ) {
    this.selfMatch = constraints.map((c) => (c.selector.matches(pod.metadata.labels) ? 1 : 0));
  }

  clone(): SpreadFilterState {
    return new SpreadFilterState(
      this.pod,
      this.nodeAffinity,
      this.constraints,
      this.domainCounts.map((m) => new Map(m)),
      this.paths.map((p) => p.clone()),
    );
  }

  /** The global minimum skew is measured from; 0 while there are fewer domains than minDomains. */
  minMatchNum(i: number): number {
    return this.domainCounts[i].size < this.constraints[i].minDomains ? 0 : this.paths[i].min;
  }

  /** Counts a pod put on (1) or taken off (-1) a node in a what-if. */
  updateWithPod(changed: Pod, node: Node, delta: 1 | -1): void {
    if ((changed.metadata.namespace ?? '') !== (this.pod.metadata.namespace ?? '')) return;
    if (!hasAllTopologyKeys(node, this.constraints)) return;
    this.constraints.forEach((c, i) => {
      if (!nodeIncluded(c, this.pod, node, this.nodeAffinity) || !c.selector.matches(changed.metadata.labels)) return;
      const value = nodeLabel(node, c.topologyKey)!;
      const count = (this.domainCounts[i].get(value) ?? 0) + delta;
      this.domainCounts[i].set(value, count);
      this.paths[i].update(value, count);
    });
  }
}

export const spreadFilterState = (
  pod: Pod,
  constraints: readonly SpreadConstraint[],
  snapshot: Snapshot,
  tallies: DomainTallies,
): SpreadFilterState => {
  const nodeAffinity = requiredNodeAffinity(pod);
  const domainCounts = constraints.map((c) =>
    tallies.everyDomain(snapshot, domainCounting(pod, c, constraints, true, nodeAffinity)),
  );
  const paths = domainCounts.map((counts) => {
    const p = new CriticalPaths();
    for (const [value, n] of counts) p.update(value, n);
    return p;
  });
  return new SpreadFilterState(pod, nodeAffinity, constraints, domainCounts, paths);
};
