// The persistent B+ tree against a plain sorted reference, including old versions staying intact.
import { SortedTree } from './sorted-tree';

/** A small deterministic generator so failures reproduce. */
const random = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};

const entriesOf = <V>(tree: SortedTree<V>, start = '', end?: string): [string, V][] => {
  const out: [string, V][] = [];
  tree.forEachInRange(start, end, (k, v) => void out.push([k, v]));
  return out;
};

const sortedEntries = (map: Map<string, number>): [string, number][] =>
  [...map.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));

describe('SortedTree', () => {
  it('matches a reference map under random inserts, updates and deletes, keeping old versions', () => {
    const next = random(7);
    let tree = SortedTree.empty<number>();
    const reference = new Map<string, number>();
    const versions: { tree: SortedTree<number>; entries: [string, number][] }[] = [];
    for (let step = 0; step < 6000; step++) {
      const key = `k${Math.floor(next() * 1500)
        .toString()
        .padStart(4, '0')}`;
      if (next() < 0.35) {
        tree = tree.delete(key);
        reference.delete(key);
      } else {
        tree = tree.set(key, step);
        reference.set(key, step);
      }
      if (step % 500 === 0) versions.push({ tree, entries: sortedEntries(reference) });
    }
    expect(entriesOf(tree)).toEqual(sortedEntries(reference));
    expect(tree.size).toBe(reference.size);
    for (const v of versions) expect(entriesOf(v.tree)).toEqual(v.entries);
    for (const [k, v] of reference) expect(tree.get(k)).toBe(v);
    expect(tree.get('absent')).toBeUndefined();
  });

  it('empties completely and grows again', () => {
    let tree = SortedTree.empty<number>();
    for (let i = 0; i < 1000; i++) tree = tree.set(`k${i}`, i);
    for (let i = 0; i < 1000; i++) tree = tree.delete(`k${i}`);
    expect(tree.size).toBe(0);
    expect(entriesOf(tree)).toEqual([]);
    tree = tree.set('a', 1);
    expect(entriesOf(tree)).toEqual([['a', 1]]);
  });

  it('builds from sorted entries and answers ranges and ranks', () => {
    const entries: [string, number][] = Array.from({ length: 5000 }, (_, i) => [
      `k${i.toString().padStart(5, '0')}`,
      i,
    ]);
    const tree = SortedTree.fromSorted(entries);
    expect(tree.size).toBe(5000);
    expect(entriesOf(tree, 'k00100', 'k00105').map((e) => e[1])).toEqual([100, 101, 102, 103, 104]);
    expect(entriesOf(tree, 'k00100\u0000', 'k00102').map((e) => e[1])).toEqual([101]);
    expect(tree.rank('k00000')).toBe(0);
    expect(tree.rank('k02500')).toBe(2500);
    expect(tree.rank('k02500\u0000')).toBe(2501);
    expect(tree.rank('z')).toBe(5000);
    const updated = tree.set('k00001', -1).delete('k00002');
    expect(tree.get('k00001')).toBe(1);
    expect(updated.get('k00001')).toBe(-1);
    expect(updated.rank('k00003')).toBe(2);
  });

  it('stops visiting when the callback returns false', () => {
    const tree = SortedTree.fromSorted(
      Array.from({ length: 300 }, (_, i): [string, number] => [`k${i.toString().padStart(3, '0')}`, i]),
    );
    const seen: number[] = [];
    tree.forEachInRange('k100', undefined, (_, v) => {
      seen.push(v);
      return seen.length < 3;
    });
    expect(seen).toEqual([100, 101, 102]);
  });
});
