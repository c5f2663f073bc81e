// The framework's Snapshot as the cache fills it: the nodes' infos by name and in a stable order,
// refreshed between cycles by SchedulerCache.updateSnapshot from only the nodes that changed.
import type { NodeInfo, Snapshot } from '../framework';

/** Past this many logged changes per node the oldest half is forgotten: a reader that far behind recounts. */
const CHANGES_PER_NODE = 2;

export class NodeSnapshot implements Snapshot {
  readonly nodeInfoMap = new Map<string, NodeInfo>();
  nodeInfos: NodeInfo[] = [];
  havePodsWithAffinity: NodeInfo[] = [];
  havePodsWithRequiredAntiAffinity: NodeInfo[] = [];
  /** The highest NodeInfo generation copied in; the cache copies only newer ones. */
  generation = 0;
  /** The infos the cache copied into, oldest update first, with their generation then. */
  private readonly changed: NodeInfo[] = [];
  private readonly changedGenerations: number[] = [];
  /** Changes up to this generation are no longer logged; undefined while the cache does not fill the log. */
  private forgottenUpTo?: number;

  get(nodeName: string): NodeInfo | undefined {
    return this.nodeInfoMap.get(nodeName);
  }

  /** A snapshot of fixed nodes, for tests and what-ifs. */
  static of(nodeInfos: readonly NodeInfo[]): NodeSnapshot {
    const snapshot = new NodeSnapshot();
    for (const info of nodeInfos) snapshot.nodeInfoMap.set(info.name!, info);
    snapshot.rebuildLists([...snapshot.nodeInfoMap.keys()]);
    return snapshot;
  }

  changedSince(generation: number): readonly NodeInfo[] | undefined {
    if (this.forgottenUpTo === undefined || generation < this.forgottenUpTo) return undefined;
    let i = this.changedGenerations.length;
    // One update logs its nodes newest first, but every later update's above this update's newest.
    while (i > 0 && this.changedGenerations[i - 1] > generation) i--;
    return this.changed.slice(i);
  }

  /** The cache copied a newer version into this existing info. */
  logChange(info: NodeInfo): void {
    this.forgottenUpTo ??= this.generation;
    this.changed.push(info);
    this.changedGenerations.push(info.generation);
    if (this.changed.length > CHANGES_PER_NODE * Math.max(this.nodeInfos.length, 64)) {
      const dropped = this.changed.length >> 1;
      this.forgottenUpTo = Math.max(...this.changedGenerations.slice(0, dropped));
      this.changed.splice(0, dropped);
      this.changedGenerations.splice(0, dropped);
    }
  }

  /** The lists again from the map, in the order given (the cache's node order). */
  rebuildLists(order: readonly string[]): void {
    this.nodeInfos = [];
    this.havePodsWithAffinity = [];
    this.havePodsWithRequiredAntiAffinity = [];
    for (const name of order) {
      const info = this.nodeInfoMap.get(name);
      if (!info) continue;
      this.nodeInfos.push(info);
      if (info.podsWithAffinity.length) this.havePodsWithAffinity.push(info);
      if (info.podsWithRequiredAntiAffinity.length) this.havePodsWithRequiredAntiAffinity.push(info);
    }
  }
}
