// PATCH bodies of the three types built-in resources take: JSON patches of random and doubling
// operations on real and made-up paths, merge patches with nulls, strategic merge patches with
// every directive on the lists that merge by key.
import { hostileValue } from './hostile-values';
import { Json, mutateText, mutateValue, pathsOf } from './mutate';
import { Random } from './random';
import { FuzzTarget } from './targets';

export interface PatchBody {
  contentType: string;
  body: string;
}

const pointer = (path: (string | number)[]): string =>
  path.map((k) => `/${String(k).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

const randomPointer = (r: Random, paths: (string | number)[][]): string =>
  r.weighted([
    [6, () => pointer(r.pick(paths))],
    [1, () => pointer([...r.pick(paths), '-'])],
    [1, () => pointer([...r.pick(paths), r.pick([-1, -100, 99999, '01', '+1'])])],
    [1, () => r.pick(['', '/', 'nope', '/~2', '/a/b/c/d', '/metadata/__proto__', `/${'x'.repeat(r.size(10_000))}`])],
  ] as const)();

const operation = (r: Random, paths: (string | number)[][]): Record<string, unknown> => {
  const op = r.weighted([
    [3, 'add'],
    [2, 'replace'],
    [2, 'remove'],
    [2, 'copy'],
    [2, 'move'],
    [2, 'test'],
    [1, r.pick(['frob', '', 1, null])],
  ] as const);
  const value = r.chance(0.3) ? hostileValue(r) : r.pick(['x', 1, null, {}, [], { a: [1] }]);
  return { op, path: randomPointer(r, paths), from: randomPointer(r, paths), value };
};

const jsonPatch = (r: Random, valid: Json): unknown =>
  r.weighted([
    [5, () => Array.from({ length: 1 + r.size(30) }, () => operation(r, pathsOf(valid)))],
    [1, () => Array.from({ length: r.size(10_000) }, () => operation(r, pathsOf(valid)))],
    [
      1,
      () => [
        { op: 'add', path: '/metadata/annotations', value: { a: 'x'.repeat(r.size(100)) } },
        ...Array.from({ length: r.size(40) }, (_, i) => ({
          op: 'copy',
          from: '/metadata/annotations',
          path: `/metadata/annotations/c${i}`,
        })),
      ],
    ],
    [1, () => r.pick([{}, 'x', null, [1], [[]], Array.from({ length: 10_001 }, () => ({ op: 'test', path: '' }))])],
  ] as const)();

/** A value with some members set to null, which a merge patch reads as deletions. */
const withNulls = (r: Random, value: Json): Json => {
  const copy = structuredClone(value);
  for (const path of pathsOf(copy, 50)) {
    if (!r.chance(0.1)) continue;
    let node = copy as Record<string, Json>;
    for (const key of path.slice(0, -1)) node = node?.[key as string] as Record<string, Json>;
    if (node && typeof node === 'object' && !Array.isArray(node)) node[path[path.length - 1]] = null;
  }
  return copy;
};

const directives = (r: Random, list: { path: string[]; key?: string }): [string[], Json] => {
  const field = list.path[list.path.length - 1];
  const parent = list.path.slice(0, -1);
  const item = (name: unknown) => (list.key ? { [list.key]: name, ...(r.chance(0.5) ? { image: 'x' } : {}) } : name);
  const many = (n: number) => Array.from({ length: n }, (_, i) => item(list.key === 'port' ? i + 1 : `n${i}`));
  const patch = r.weighted<() => Record<string, unknown>>([
    [3, () => ({ [field]: many(1 + r.size(20)) })],
    [1, () => ({ [field]: many(r.size(30_000)) })],
    [1, () => ({ [field]: [{ $patch: r.pick(['replace', 'delete', 'merge', 'bogus']) }, ...many(2)] })],
    [1, () => ({ [`$setElementOrder/${field}`]: many(r.size(5000)).reverse(), [field]: many(3) })],
    [1, () => ({ [`$deleteFromPrimitiveList/${field}`]: many(r.size(1000)) })],
    [1, () => ({ $retainKeys: r.pick([[field], 'x', [], null]), [field]: many(1) })],
    [1, () => ({ $patch: r.pick(['replace', 'delete', 'bogus', 1]) })],
    [1, () => ({ [field]: [item(hostileValue(r)), 'x', [[]], null] })],
  ])();
  return [parent, r.chance(0.2) ? mutateValue(r, patch as Json) : (patch as Json)];
};

const nestUnder = (path: string[], value: unknown): unknown =>
  path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);

const strategicPatch = (r: Random, target: FuzzTarget, valid: Json): unknown => {
  if (target.mergedLists.length > 0 && r.chance(0.7)) {
    const [parent, patch] = directives(r, r.pick(target.mergedLists));
    return nestUnder(parent, patch);
  }
  return withNulls(r, mutateValue(r, valid));
};

/** A PATCH body of one of the three types, now and then mangled as text or sent as another type. */
export const patchBody = (r: Random, target: FuzzTarget, valid: Json): PatchBody => {
  const [contentType, patch] = r.weighted([
    [1, () => ['application/json-patch+json', jsonPatch(r, valid)]],
    [1, () => ['application/merge-patch+json', withNulls(r, mutateValue(r, valid))]],
    [1, () => ['application/strategic-merge-patch+json', strategicPatch(r, target, valid)]],
  ] as const)() as [string, unknown];
  const text = JSON.stringify(patch);
  return r.weighted([
    [8, () => ({ contentType, body: text })],
    [1, () => ({ contentType, body: mutateText(r, text) })],
    [
      1,
      () => ({
        contentType: r.pick(['application/json', 'application/apply-patch+yaml', 'application/yaml', 'text/plain']),
        body: text,
      }),
    ],
  ] as const)();
};
