// JSON merge patch as kube-apiserver's evanphx/json-patch MergePatch applies it.
import { applyMergePatch } from './merge-patch';

describe('applyMergePatch', () => {
  it.each([
    {
      name: 'maps merge, null deletes, lists are replaced',
      original: { a: { b: 1, c: 2 }, l: [1, 2] },
      patch: { a: { b: null, d: 3 }, l: [3] },
      want: { a: { c: 2, d: 3 }, l: [3] },
    },
    {
      name: 'a value set where there was no map loses its nulls at every depth',
      original: { a: 'x' },
      patch: { a: { b: null, c: { d: null, e: 1 }, l: [null, { f: null, g: 2 }] }, n: { m: null } },
      want: { a: { c: { e: 1 }, l: [null, { g: 2 }] }, n: {} },
    },
    {
      name: 'a list replacing a map is kept as sent',
      original: { a: { b: 1 } },
      patch: { a: [{ c: null }] },
      want: { a: [{ c: null }] },
    },
    {
      name: 'keys named like Object members are data (ConfigMap keys may be)',
      original: { data: { hasOwnProperty: 'x', b: '1' } },
      patch: { data: { b: null, constructor: 'y', prototype: 'z' } },
      want: { data: { hasOwnProperty: 'x', constructor: 'y', prototype: 'z' } },
    },
    {
      name: 'a key named __proto__ is a key',
      original: { a: {} },
      patch: JSON.parse('{"a":{"__proto__":{"polluted":true}}}'),
      want: JSON.parse('{"a":{"__proto__":{"polluted":true}}}'),
    },
  ])('$name', ({ original, patch, want }) => {
    const before = JSON.stringify({ original, patch });
    expect(applyMergePatch(original, patch)).toEqual(want);
    expect(JSON.stringify({ original, patch })).toBe(before);
  });
});
