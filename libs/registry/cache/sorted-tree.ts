// An immutable B+ tree from string keys to values, ordered by key, with subtree counts.
// Every write returns a new tree sharing all untouched nodes, so keeping the tree of each
// revision costs O(log n) per write: that is what lets the cache answer pages at a pinned
// revision, as kube-apiserver's cacher does with copy-on-write btree snapshots.

const MAX = 64;
const MIN = MAX / 4;
/** Nodes built in bulk are left three quarters full so the first writes do not split them. */
const BULK = (MAX * 3) / 4;

interface Leaf<V> {
  readonly leaf: true;
  readonly keys: readonly string[];
  readonly values: readonly V[];
  readonly size: number;
}

interface Branch<V> {
  readonly leaf: false;
  /** keys[i] is the smallest key under children[i]. */
  readonly keys: readonly string[];
  readonly children: readonly Node<V>[];
  readonly size: number;
}

type Node<V> = Leaf<V> | Branch<V>;

const makeLeaf = <V>(keys: readonly string[], values: readonly V[]): Leaf<V> => ({
  leaf: true,
  keys,
  values,
  size: keys.length,
});

const makeBranch = <V>(children: readonly Node<V>[]): Branch<V> => {
  let size = 0;
  for (const c of children) size += c.size;
  return { leaf: false, keys: children.map((c) => c.keys[0]), children, size };
};

const width = <V>(node: Node<V>): number => node.keys.length;

/** Index of the first key >= key. */
const lowerBound = (keys: readonly string[], key: string): number => {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/** The child of a branch whose range holds key: the last child whose smallest key is <= key. */
const childIndex = (keys: readonly string[], key: string): number => {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : lo - 1;
};

const withReplaced = <T>(items: readonly T[], at: number, removed: number, ...added: T[]): T[] => {
  const copy = items.slice();
  copy.splice(at, removed, ...added);
  return copy;
};

/** Splits an over-full node into two halves, or returns it alone. */
const splitIfFull = <V>(node: Node<V>): Node<V>[] => {
  if (width(node) <= MAX) return [node];
  const half = width(node) >>> 1;
  if (node.leaf) {
    return [
      makeLeaf(node.keys.slice(0, half), node.values.slice(0, half)),
      makeLeaf(node.keys.slice(half), node.values.slice(half)),
    ];
  }
  return [makeBranch(node.children.slice(0, half)), makeBranch(node.children.slice(half))];
};

/** Joins two neighbouring nodes of the same height, splitting again when the result is over-full. */
const merge = <V>(left: Node<V>, right: Node<V>): Node<V>[] => {
  const joined =
    left.leaf && right.leaf
      ? makeLeaf([...left.keys, ...right.keys], [...left.values, ...right.values])
      : makeBranch([...(left as Branch<V>).children, ...(right as Branch<V>).children]);
  return splitIfFull(joined);
};

const insert = <V>(node: Node<V>, key: string, value: V): Node<V>[] => {
  if (node.leaf) {
    const i = lowerBound(node.keys, key);
    if (node.keys[i] === key) return [makeLeaf(node.keys, withReplaced(node.values, i, 1, value))];
    return splitIfFull(makeLeaf(withReplaced(node.keys, i, 0, key), withReplaced(node.values, i, 0, value)));
  }
  const i = childIndex(node.keys, key);
  const replaced = insert(node.children[i], key, value);
  return splitIfFull(makeBranch(withReplaced(node.children, i, 1, ...replaced)));
};

/** Returns the same node when key is absent, so callers can skip copying. */
const remove = <V>(node: Node<V>, key: string): Node<V> => {
  if (node.leaf) {
    const i = lowerBound(node.keys, key);
    if (node.keys[i] !== key) return node;
    return makeLeaf(withReplaced(node.keys, i, 1), withReplaced(node.values, i, 1));
  }
  const i = childIndex(node.keys, key);
  const child = node.children[i];
  const updated = remove(child, key);
  if (updated === child) return node;
  if (updated.size === 0) return makeBranch(withReplaced(node.children, i, 1));
  if (width(updated) >= MIN || node.children.length === 1)
    return makeBranch(withReplaced(node.children, i, 1, updated));
  const [at, joined] =
    i > 0 ? [i - 1, merge(node.children[i - 1], updated)] : [i, merge(updated, node.children[i + 1])];
  return makeBranch(withReplaced(node.children, at, 2, ...joined));
};

/** Visits entries with start <= key < end in order; stops when visit returns false. */
const visit = <V>(
  node: Node<V>,
  start: string,
  end: string | undefined,
  fn: (key: string, value: V) => boolean | void,
): boolean => {
  if (node.leaf) {
    for (let i = lowerBound(node.keys, start); i < node.keys.length; i++) {
      const key = node.keys[i];
      if (end !== undefined && key >= end) return false;
      if (fn(key, node.values[i]) === false) return false;
    }
    return true;
  }
  for (let i = childIndex(node.keys, start); i < node.children.length; i++) {
    if (end !== undefined && node.keys[i] >= end) return false;
    if (!visit(node.children[i], start, end, fn)) return false;
  }
  return true;
};

export class SortedTree<V> {
  private constructor(private readonly root: Node<V>) {}

  static empty<V>(): SortedTree<V> {
    return new SortedTree<V>(makeLeaf<V>([], []));
  }

  /** Builds a tree from entries already sorted by key with no duplicates, in O(n). */
  static fromSorted<V>(entries: readonly (readonly [string, V])[]): SortedTree<V> {
    if (entries.length === 0) return SortedTree.empty();
    let level: Node<V>[] = [];
    for (let i = 0; i < entries.length; i += BULK) {
      const chunk = entries.slice(i, i + BULK);
      level.push(
        makeLeaf(
          chunk.map((e) => e[0]),
          chunk.map((e) => e[1]),
        ),
      );
    }
    while (level.length > 1) {
      const next: Node<V>[] = [];
      for (let i = 0; i < level.length; i += BULK) next.push(makeBranch(level.slice(i, i + BULK)));
      level = next;
    }
    return new SortedTree(level[0]);
  }

  get size(): number {
    return this.root.size;
  }

  get(key: string): V | undefined {
    let node = this.root;
    while (!node.leaf) node = node.children[childIndex(node.keys, key)];
    const i = lowerBound(node.keys, key);
    return node.keys[i] === key ? node.values[i] : undefined;
  }

  set(key: string, value: V): SortedTree<V> {
    const nodes = insert(this.root, key, value);
    return new SortedTree(nodes.length === 1 ? nodes[0] : makeBranch(nodes));
  }

  delete(key: string): SortedTree<V> {
    let root = remove(this.root, key);
    if (root === this.root) return this;
    while (!root.leaf && root.children.length === 1) root = root.children[0];
    if (!root.leaf && root.children.length === 0) root = makeLeaf<V>([], []);
    return new SortedTree(root);
  }

  /** How many keys sort before key. */
  rank(key: string): number {
    let count = 0;
    let node = this.root;
    while (!node.leaf) {
      const i = childIndex(node.keys, key);
      for (let j = 0; j < i; j++) count += node.children[j].size;
      node = node.children[i];
    }
    return count + lowerBound(node.keys, key);
  }

  /** Visits entries with start <= key < end (end absent: to the last key) in key order; return false to stop. */
  forEachInRange(start: string, end: string | undefined, fn: (key: string, value: V) => boolean | void): void {
    visit(this.root, start, end, fn);
  }
}
