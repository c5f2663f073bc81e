// Counts by topology pair (a node label key and its value). Kept as topology key → value →
// count so the filter's lookups, made for every node, read the node's own label strings and
// never build a key string per lookup; the few topology keys in use (hostname, zone) are the
// outer level.
import type { Node } from '@kubenest/api/core/types';

/** One node's contribution to a pair. */
export type PairCount = readonly [key: string, value: string, count: number];

/** What one node contributes, pair by pair. */
export type Pairs = readonly PairCount[];

export const NO_PAIRS: Pairs = Object.freeze([]);

/**
 * A node's label. Label values are strings and what Object.prototype holds is not, so a key like
 * `constructor` reads as absent without the cost of a hasOwnProperty call on this hot path.
 */
export const nodeLabel = (node: Node, key: string): string | undefined => {
  const value = node.metadata.labels?.[key];
  return typeof value === 'string' ? value : undefined;
};

export class TopologyCounts {
  private readonly byKey = new Map<string, Map<string, number>>();
  private pairs = 0;

  /** How many pairs have a non-zero count; 0 means no pod counted anywhere. */
  get size(): number {
    return this.pairs;
  }

  get(key: string, value: string): number {
    return this.byKey.get(key)?.get(value) ?? 0;
  }

  /** The count of the pair the node is in for this key; 0 when the node lacks the key. */
  onNode(node: Node, key: string): number {
    const values = this.byKey.get(key);
    if (!values) return 0;
    const value = nodeLabel(node, key);
    return value === undefined ? 0 : (values.get(value) ?? 0);
  }

  /** The topology keys with a non-zero pair. */
  keys(): IterableIterator<string> {
    return this.byKey.keys();
  }

  /** Adds delta to a pair, dropping it at zero. */
  add(key: string, value: string, delta: number): void {
    let values = this.byKey.get(key);
    if (!values) this.byKey.set(key, (values = new Map()));
    const before = values.get(value) ?? 0;
    const after = before + delta;
    if (after === 0) values.delete(value);
    else values.set(value, after);
    this.pairs += (after !== 0 ? 1 : 0) - (before !== 0 ? 1 : 0);
    if (values.size === 0) this.byKey.delete(key);
  }

  addAll(pairs: Pairs, sign: 1 | -1 = 1): void {
    for (const [key, value, n] of pairs) this.add(key, value, sign * n);
  }

  /** Every pair with its count. */
  *entries(): IterableIterator<PairCount> {
    for (const [key, values] of this.byKey) for (const [value, n] of values) yield [key, value, n];
  }

  clone(): TopologyCounts {
    const copy = new TopologyCounts();
    for (const [key, values] of this.byKey) copy.byKey.set(key, new Map(values));
    copy.pairs = this.pairs;
    return copy;
  }

  static sum(contributions: Iterable<Pairs>): TopologyCounts {
    const counts = new TopologyCounts();
    for (const pairs of contributions) counts.addAll(pairs);
    return counts;
  }
}

/** A node's pairs being gathered, one count per (key, value); most nodes count none, and cost no map. */
export class PairTally {
  private counts?: TopologyCounts;

  /** Counts `n` for the node's value of key, when it has the key. */
  count(node: Node, key: string, n = 1): void {
    const value = nodeLabel(node, key);
    if (value !== undefined) (this.counts ??= new TopologyCounts()).add(key, value, n);
  }

  pairs(): Pairs {
    return this.counts?.size ? [...this.counts.entries()] : NO_PAIRS;
  }
}
