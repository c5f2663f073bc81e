// What a plugin derives from one node's pods for one kind of incoming pod, kept across cycles
// while the node's generation stands: pods of one controller share their terms and labels, so
// each cycle recomputes only the nodes that changed since the last pod of the group (the one
// just bound), not every pod on every node. Generations are global and a change always takes a
// new one, so (node name, generation) names one content, even across snapshot copies.
import type { NodeInfo } from '../../../framework';

interface Entry<V> {
  name: string;
  generation: number;
  value: V;
}

interface KeyEntries<V> {
  byName: Map<string, Entry<V>>;
  /** The entries in the order of the last run over the snapshot's nodes, whose order is stable. */
  byPosition: Entry<V>[];
}

export type NodeCompute<V> = (info: NodeInfo) => V;

const current = <V>(entry: Entry<V> | undefined, info: NodeInfo): entry is Entry<V> =>
  entry !== undefined && entry.generation === info.generation && entry.name === info.name;

export class NodeMemo<V> {
  /** Memo key → its entries; the most recently used key last. */
  private readonly byKey = new Map<string, KeyEntries<V>>();

  /**
   * At most maxKeys kinds of pod are remembered (each one entry per node: 16 keys on 5,000 nodes
   * are 80,000 small entries); the least recently scheduled kind is forgotten first.
   */
  constructor(private readonly maxKeys = 16) {}

  /** Values for a run of nodes under one key: a node unchanged since the last run costs a compare. */
  forEach(
    key: string,
    infos: readonly NodeInfo[],
    compute: NodeCompute<V>,
    visit: (value: V, info: NodeInfo) => void,
  ): void {
    const entries = this.entriesFor(key);
    const positions = entries.byPosition;
    for (let i = 0; i < infos.length; i++) {
      const info = infos[i];
      let entry = positions[i];
      if (!current(entry, info)) positions[i] = entry = this.entryIn(entries, info, compute);
      visit(entry.value, info);
    }
    positions.length = infos.length;
  }

  private entryIn(entries: KeyEntries<V>, info: NodeInfo, compute: NodeCompute<V>): Entry<V> {
    const name = info.name ?? '';
    const entry = entries.byName.get(name);
    if (current(entry, info)) return entry;
    const fresh = { name, generation: info.generation, value: compute(info) };
    entries.byName.set(name, fresh);
    return fresh;
  }

  private entriesFor(key: string): KeyEntries<V> {
    let entries = this.byKey.get(key);
    if (entries) {
      this.byKey.delete(key);
    } else {
      entries = { byName: new Map(), byPosition: [] };
      if (this.byKey.size >= this.maxKeys) this.byKey.delete(this.byKey.keys().next().value!);
    }
    this.byKey.set(key, entries);
    return entries;
  }
}
