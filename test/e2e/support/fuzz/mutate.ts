// Structure-aware mutations of a valid object (a hostile value somewhere, a member dropped, a type
// changed, a key named like an Object member), and mutations of the text it is sent as.
import { hostileNumber, hostileValue, oddKeys } from './hostile-values';
import { Random } from './random';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

const isContainer = (v: unknown): v is Record<string, Json> | Json[] => v !== null && typeof v === 'object';

/** Paths to the members and elements of a value, breadth first, at most `limit` of them. */
export const pathsOf = (value: Json, limit = 300): Path[] => {
  const paths: Path[] = [];
  const queue: [Json, Path][] = [[value, []]];
  while (queue.length > 0 && paths.length < limit) {
    const [node, path] = queue.shift()!;
    if (!isContainer(node)) continue;
    const entries: [string | number, Json][] = Array.isArray(node)
      ? Array.from({ length: node.length }, (_, i) => [i, node[i]])
      : Object.entries(node);
    for (const [key, child] of entries) {
      paths.push([...path, key]);
      queue.push([child, [...path, key]]);
    }
  }
  return paths;
};

const parentOf = (root: Json, path: Path): Record<string, Json> | Json[] | undefined => {
  let node: Json = root;
  for (const key of path.slice(0, -1)) {
    if (!isContainer(node)) return undefined;
    node = (node as Record<string, Json>)[key as string];
  }
  return isContainer(node) ? node : undefined;
};

const setAt = (root: Json, path: Path, value: unknown): void => {
  const parent = parentOf(root, path);
  if (!parent) return;
  Object.defineProperty(parent, path[path.length - 1], {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
};

const deleteAt = (root: Json, path: Path): void => {
  const parent = parentOf(root, path);
  if (Array.isArray(parent)) parent.splice(Number(path[path.length - 1]), 1);
  else if (parent) delete parent[path[path.length - 1]];
};

const wrongType = (r: Random, value: unknown): unknown => {
  if (typeof value === 'string') return r.pick([1, true, [value], { value }]);
  if (typeof value === 'number') return r.pick([String(value), [value], null]);
  if (Array.isArray(value)) return r.pick([value[0] ?? 'x', { items: value }, 'list']);
  if (isContainer(value)) return r.pick([[value], 'object', 0]);
  return r.pick(['x', 1, {}, []]);
};

/** A copy of `value` with one to three mutations. */
export const mutateValue = (r: Random, value: Json): Json => {
  const copy = structuredClone(value);
  for (let n = 1 + r.int(3); n > 0; n--) {
    const paths = pathsOf(copy);
    const path = paths.length > 0 ? r.pick(paths) : ['x'];
    const current = parentOf(copy, path)?.[path[path.length - 1] as never];
    r.weighted([
      [4, () => setAt(copy, path, hostileValue(r))],
      [2, () => deleteAt(copy, path)],
      [2, () => setAt(copy, path, wrongType(r, current))],
      [1, () => setAt(copy, path, null)],
      [
        1,
        () =>
          Array.isArray(parentOf(copy, path)) ||
          setAt(copy, [...path.slice(0, -1), r.pick(oddKeys)], r.pick(['v', 1, null, {}])),
      ],
    ] as const)();
  }
  return copy;
};

/** Mutations of the text a body is sent as: cut short, bytes changed, keys repeated, numbers past float64. */
export const mutateText = (r: Random, text: string): string =>
  r.weighted([
    [3, () => text.slice(0, r.int(text.length + 1))],
    [2, () => spliced(r, text, String.fromCharCode(...Array.from({ length: 1 + r.int(8) }, () => r.int(256))))],
    [2, () => text.replace(/"(\w+)":/, (m) => `${m}1,${m}`)],
    [1, () => text.replace(/\d+/, r.pick(['1e400', '-0', '0x10', '01', '1.', '.5', String(hostileNumber(r))]))],
    [1, () => `\ufeff${text}`],
    [1, () => text.replace(/}$/, ',}')],
  ] as const)();

const spliced = (r: Random, text: string, insert: string): string => {
  const at = r.int(text.length + 1);
  return text.slice(0, at) + insert + text.slice(at + r.int(4));
};
