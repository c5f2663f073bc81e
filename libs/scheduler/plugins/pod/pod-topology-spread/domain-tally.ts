// Matching pods per topology domain over every node a constraint counts, kept between cycles: the
// pods of one controller share the namespace, selector, topology key and node inclusion, and
// between two of them the snapshot changed only on a few nodes (the previous pod's among them),
// so only those are recounted instead of every node of the cluster. Which domains have a counted
// node at all depends on the inclusion alone, so that tally is shared by every selector; a
// selector's tally holds only the nodes with matching pods, small enough to keep many (pods of
// many controllers are queued interleaved).
import type { Pod } from '@kubenest/api/core/types';
import type { LabelSelector } from '@kubenest/apimachinery/selectors/label-selector';
import type { NodeMatcher } from '../../../framework/node-affinity';
import type { NodeInfo } from '../../../framework/node-info';
import type { Snapshot } from '../../../framework/snapshot';
import { selectorSignature } from '../shared/signature';
import { nodeLabel } from '../shared/topology-pair';
import { countMatching, hasAllTopologyKeys, type SpreadConstraint } from './constraints';
import { nodeIncluded } from './node-inclusion';

/** A node's part in a tally: its domain and its matching pods there. */
interface NodePart {
  domain: string;
  pods: number;
}

/** Node parts all tallies of one kind may hold together (a few MB). */
const MAX_TALLY_ENTRIES = 100_000;

/** What a node adds to a tally, undefined for nothing. */
type PartOf = (info: NodeInfo) => NodePart | undefined;

class Tally {
  /** The nodes that add something, by name. */
  private readonly parts = new Map<string, NodePart>();
  /** Domain → nodes adding to it, so a domain leaves with its last one. */
  readonly nodes = new Map<string, number>();
  /** Domain → matching pods on its nodes. */
  readonly pods = new Map<string, number>();

  constructor(
    /** The snapshot's node list and generation the tally stands at. */
    public nodeInfos: readonly NodeInfo[],
    public generation: number,
  ) {}

  /** How many nodes add something: the tally's size in memory. */
  get size(): number {
    return this.parts.size;
  }

  set(name: string, part: NodePart | undefined): void {
    const before = this.parts.get(name);
    if (before) {
      const left = this.nodes.get(before.domain)! - 1;
      if (left === 0) {
        this.nodes.delete(before.domain);
        this.pods.delete(before.domain);
      } else {
        this.nodes.set(before.domain, left);
        this.pods.set(before.domain, this.pods.get(before.domain)! - before.pods);
      }
      this.parts.delete(name);
    }
    if (!part) return;
    this.parts.set(name, part);
    this.nodes.set(part.domain, (this.nodes.get(part.domain) ?? 0) + 1);
    this.pods.set(part.domain, (this.pods.get(part.domain) ?? 0) + part.pods);
  }
}

/**
 * Tallies by key, brought up to date from the snapshot's changes; the least recently used dropped
 * past maxKeys, or while all of them together hold more than maxEntries node parts: a pending pod's
 * selector is the user's to choose, and one that matches nearly every pod would otherwise keep a
 * part for every node under each of maxKeys keys.
 */
export class Tallies {
  private readonly byKey = new Map<string, Tally>();
  private entries = 0;

  constructor(
    private readonly maxKeys: number,
    private readonly maxEntries = MAX_TALLY_ENTRIES,
  ) {}

  /** The tally of key now; a new one counts the nodes of `some` when only those can add to it. */
  current(snapshot: Snapshot, key: string, partOf: PartOf, some?: () => Iterable<NodeInfo>): Tally {
    let tally = this.byKey.get(key);
    if (tally) {
      this.byKey.delete(key);
      this.entries -= tally.size;
    } else if (this.byKey.size >= this.maxKeys) this.evictOldest();
    const changed =
      tally && tally.nodeInfos === snapshot.nodeInfos ? snapshot.changedSince(tally.generation) : undefined;
    if (!tally || !changed) {
      tally = new Tally(snapshot.nodeInfos, snapshot.generation);
      for (const info of some ? some() : snapshot.nodeInfos) tally.set(info.name!, partOf(info));
    } else {
      for (const info of changed) tally.set(info.name!, partOf(info));
      tally.generation = snapshot.generation;
    }
    while (this.byKey.size > 0 && this.entries + tally.size > this.maxEntries) this.evictOldest();
    this.byKey.set(key, tally);
    this.entries += tally.size;
    return tally;
  }

  /** Node parts held by all the tallies together. */
  get heldParts(): number {
    return this.entries;
  }

  private evictOldest(): void {
    const [oldest, tally] = this.byKey.entries().next().value!;
    this.byKey.delete(oldest);
    this.entries -= tally.size;
  }
}

/** How one constraint of a pod counts nodes. */
export interface DomainCounting {
  /** Names what the counted nodes and their domains depend on. */
  inclusionKey: string;
  /** Names that, and the pods counted. */
  key: string;
  namespace: string;
  selector: LabelSelector;
  /** The node's domain when the constraint counts it. */
  domainOf(info: NodeInfo): string | undefined;
}

export class DomainTallies {
  /** Every counted node, at 0 pods: which domains exist. */
  private readonly domains = new Tallies(16);
  /** Only the nodes with matching pods: a few entries per controller. */
  private readonly matching = new Tallies(1024);

  /**
   * Domain → matching pods, for the domains with any (read-only, only until the next cycle).
   * Counted from the per-node tally, so a new kind of pod walks the nodes once, not per constraint.
   */
  podsByDomain(snapshot: Snapshot, counting: DomainCounting): ReadonlyMap<string, number> {
    const perNode = this.podsByNode(snapshot, counting.namespace, counting.selector);
    const partOf = (info: NodeInfo): NodePart | undefined => {
      const pods = perNode.get(info.name!);
      const domain = pods ? counting.domainOf(info) : undefined;
      return domain === undefined ? undefined : { domain, pods: pods! };
    };
    const withPods = function* (): Iterable<NodeInfo> {
      for (const name of perNode.keys()) yield snapshot.get(name)!;
    };
    return this.matching.current(snapshot, counting.key, partOf, withPods).pods;
  }

  /** Node name → matching pods, for the nodes with any (read-only, only until the next cycle). */
  podsByNode(snapshot: Snapshot, namespace: string, selector: LabelSelector): ReadonlyMap<string, number> {
    const key = `${namespace}\0${selectorSignature(selector)}`;
    return this.matching.current(snapshot, key, (info) => {
      const pods = countMatching(info.pods, selector, namespace);
      return pods ? { domain: info.name!, pods } : undefined;
    }).pods;
  }

  /** Domain → matching pods, for every domain with a counted node (at 0 when none match). */
  everyDomain(snapshot: Snapshot, counting: DomainCounting): Map<string, number> {
    const domains = this.domains.current(snapshot, counting.inclusionKey, (info) => {
      const domain = counting.domainOf(info);
      return domain === undefined ? undefined : { domain, pods: 0 };
    }).nodes;
    const pods = this.podsByDomain(snapshot, counting);
    const counts = new Map<string, number>();
    for (const domain of domains.keys()) counts.set(domain, pods.get(domain) ?? 0);
    return counts;
  }
}

const NOT_HONORED = '-';

/**
 * How a constraint of the pod counts nodes: those with every constraint's topology key when
 * requireAllTopologies (else a missing key is the empty domain), that the node policies include.
 */
export const domainCounting = (
  pod: Pod,
  c: SpreadConstraint,
  constraints: readonly SpreadConstraint[],
  requireAllTopologies: boolean,
  nodeAffinity: NodeMatcher,
): DomainCounting => {
  const namespace = pod.metadata.namespace ?? '';
  const spec = pod.spec;
  const inclusionKey = [
    c.topologyKey,
    requireAllTopologies ? [...new Set(constraints.map((k) => k.topologyKey))].sort().join(',') : NOT_HONORED,
    c.nodeAffinityPolicy === 'Honor'
      ? JSON.stringify([
          spec?.nodeSelector ?? null,
          spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? null,
        ])
      : NOT_HONORED,
    c.nodeTaintsPolicy === 'Honor' ? JSON.stringify(spec?.tolerations ?? null) : NOT_HONORED,
  ].join('\0');
  return {
    inclusionKey,
    namespace,
    selector: c.selector,
    key: `${namespace}\0${selectorSignature(c.selector)}\0${c.topologyKey}\0${inclusionKey}`,
    domainOf: (info) => {
      const node = info.node;
      if (!node || (requireAllTopologies && !hasAllTopologyKeys(node, constraints))) return undefined;
      if (!nodeIncluded(c, pod, node, nodeAffinity)) return undefined;
      return nodeLabel(node, c.topologyKey) ?? '';
    },
  };
};
