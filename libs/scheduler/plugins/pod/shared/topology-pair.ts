// Counts by topology pair (a node label key and its value), keyed `key\0value`: a NUL cannot
// appear in a label key or value, so the key is unambiguous and cheaper than a nested map.
import type { Node } from '@kubenest/api/core/types';

export type TopologyCounts = Map<string, number>;

export const pairKey = (key: string, value: string): string => `${key}\0${value}`;

/** A node's label, read without falling through to Object.prototype (`constructor` is a valid key). */
export const nodeLabel = (node: Node, key: string): string | undefined => {
  const labels = node.metadata.labels;
  return labels && Object.prototype.hasOwnProperty.call(labels, key) ? labels[key] : undefined;
};

/** Adds delta to a pair, dropping it at zero so an empty map means "no pod counted anywhere". */
export const addCount = (counts: TopologyCounts, key: string, delta: number): void => {
  const n = (counts.get(key) ?? 0) + delta;
  if (n === 0) counts.delete(key);
  else counts.set(key, n);
};

/** Per-node contributions, summed into one map. */
export const sumPairs = (contributions: Iterable<readonly (readonly [string, number])[]>): TopologyCounts => {
  const counts: TopologyCounts = new Map();
  for (const pairs of contributions) for (const [key, n] of pairs) addCount(counts, key, n);
  return counts;
};
