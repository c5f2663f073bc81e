// What a plugin derives from one node's pods for one kind of incoming pod, kept across cycles
// while the node's generation stands: pods of one controller share their terms and labels, so
// each cycle recomputes only the nodes that changed since the last pod of the group (the one
// just bound), not every pod on every node. Generations are global and a change always takes a
// new one, so (node name, generation) names one content, even across snapshot copies.
import type { NodeInfo } from '../../../framework';

interface Entry<V> {
  generation: number;
  value: V;
}

export type NodeCompute<V> = (info: NodeInfo) => V;

export class NodeMemo<V> {
  /** Memo key → node name → value; the most recently used key last. */
  private readonly byKey = new Map<string, Map<string, Entry<V>>>();

  constructor(private readonly maxKeys = 64) {}

  /** The value for one node under this key, computed when the node changed since. */
  get(key: string, info: NodeInfo, compute: NodeCompute<V>): V {
    return this.valueIn(this.nodesFor(key), info, compute);
  }

  /** A getter for many nodes under one key (the key looked up once). */
  forKey(key: string): (info: NodeInfo, compute: NodeCompute<V>) => V {
    const nodes = this.nodesFor(key);
    return (info, compute) => this.valueIn(nodes, info, compute);
  }

  /** Values for a run of nodes under one key. */
  forEach(
    key: string,
    infos: readonly NodeInfo[],
    compute: NodeCompute<V>,
    visit: (value: V, info: NodeInfo) => void,
  ): void {
    const nodes = this.nodesFor(key);
    for (const info of infos) visit(this.valueIn(nodes, info, compute), info);
  }

  private valueIn(nodes: Map<string, Entry<V>>, info: NodeInfo, compute: NodeCompute<V>): V {
    const name = info.name ?? '';
    const entry = nodes.get(name);
    if (entry && entry.generation === info.generation) return entry.value;
    const value = compute(info);
    nodes.set(name, { generation: info.generation, value });
    return value;
  }

  private nodesFor(key: string): Map<string, Entry<V>> {
    let nodes = this.byKey.get(key);
    if (nodes) {
      this.byKey.delete(key);
    } else {
      nodes = new Map();
      if (this.byKey.size >= this.maxKeys) this.byKey.delete(this.byKey.keys().next().value!);
    }
    this.byKey.set(key, nodes);
    return nodes;
  }
}
