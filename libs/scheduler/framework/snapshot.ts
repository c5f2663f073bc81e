// The nodes as one scheduling cycle sees them: taken from the cache at the cycle's start, so
// every plugin of the cycle reads the same state, as kube-scheduler's Snapshot.
import type { NodeInfo } from './node-info';

export interface Snapshot {
  /** Every node with its Node object, in a stable order. */
  readonly nodeInfos: readonly NodeInfo[];
  get(nodeName: string): NodeInfo | undefined;
  /** Nodes holding at least one pod with (anti-)affinity terms. */
  readonly havePodsWithAffinity: readonly NodeInfo[];
  /** Nodes holding at least one pod with required anti-affinity terms. */
  readonly havePodsWithRequiredAntiAffinity: readonly NodeInfo[];
  /** The highest generation among the nodes when it was last brought up to date. */
  readonly generation: number;
  /**
   * The infos changed in place since the snapshot stood at that generation (possibly some twice
   * or unchanged), so a plugin keeping totals over every node patches only those; undefined when
   * it cannot tell. Nodes coming or going replace nodeInfos instead.
   */
  changedSince(generation: number): readonly NodeInfo[] | undefined;
}
