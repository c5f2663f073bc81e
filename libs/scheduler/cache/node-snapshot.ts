// The framework's Snapshot as the cache fills it: the nodes' infos by name and in a stable order,
// refreshed between cycles by SchedulerCache.updateSnapshot from only the nodes that changed.
import type { NodeInfo, Snapshot } from '../framework';

export class NodeSnapshot implements Snapshot {
  readonly nodeInfoMap = new Map<string, NodeInfo>();
  nodeInfos: NodeInfo[] = [];
  havePodsWithAffinity: NodeInfo[] = [];
  havePodsWithRequiredAntiAffinity: NodeInfo[] = [];
  /** The highest NodeInfo generation copied in; the cache copies only newer ones. */
  generation = 0;

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
