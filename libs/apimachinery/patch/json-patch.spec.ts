// JSON patch as kube-apiserver's evanphx/json-patch applies it, and the limits on the work one patch may do.
import { applyJsonPatch } from './json-patch';
import { maxJsonPatchCopyBytes, maxPatchedObjectBytes } from './patch-limits';
import { statusErrorOf } from '../testing/status-error-of';
import { cpuMsOf } from '../testing/cpu-ms-of';

const repeat = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

describe('applyJsonPatch', () => {
  it.each([
    {
      name: 'add, replace and remove members',
      original: { a: { b: 1, c: 2 } },
      patch: [
        { op: 'add', path: '/a/d', value: { e: [1] } },
        { op: 'replace', path: '/a/b', value: 'x' },
        { op: 'remove', path: '/a/c' },
      ],
      want: { a: { b: 'x', d: { e: [1] } } },
    },
    {
      name: 'array insertion, append and negative indexes (evanphx SupportNegativeIndices)',
      original: { l: [1, 2, 3] },
      patch: [
        { op: 'add', path: '/l/0', value: 0 },
        { op: 'add', path: '/l/-', value: 4 },
        { op: 'remove', path: '/l/-1' },
        { op: 'replace', path: '/l/-2', value: 9 },
      ],
      want: { l: [0, 1, 9, 3] },
    },
    {
      name: 'escaped pointer tokens',
      original: { 'a/b': { 'c~d': 1 } },
      patch: [{ op: 'replace', path: '/a~1b/c~0d', value: 2 }],
      want: { 'a/b': { 'c~d': 2 } },
    },
    {
      name: 'move and copy',
      original: { a: { x: [1] }, b: {} },
      patch: [
        { op: 'copy', from: '/a/x', path: '/b/y' },
        { op: 'move', from: '/a', path: '/c' },
        { op: 'add', path: '/b/y/-', value: 2 },
      ],
      want: { b: { y: [1, 2] }, c: { x: [1] } },
    },
    {
      name: 'a move onto itself changes nothing',
      original: { a: 1 },
      patch: [{ op: 'move', from: '/a', path: '/a' }],
      want: { a: 1 },
    },
    {
      name: 'tests that hold, an absent member testing equal to null, the whole document',
      original: { a: { b: [1, { c: 'd' }] } },
      patch: [
        { op: 'test', path: '/a/b', value: [1, { c: 'd' }] },
        { op: 'test', path: '/a/nope', value: null },
        { op: 'test', path: '', value: { a: { b: [1, { c: 'd' }] } } },
      ],
      want: { a: { b: [1, { c: 'd' }] } },
    },
    {
      name: 'members named __proto__ and constructor are plain members',
      original: { a: {} },
      patch: [
        { op: 'add', path: '/a/__proto__', value: { polluted: true } },
        { op: 'add', path: '/a/constructor', value: 1 },
        { op: 'test', path: '/a/__proto__/polluted', value: true },
      ],
      want: JSON.parse('{"a":{"__proto__":{"polluted":true},"constructor":1}}'),
    },
    {
      name: 'an add without a value sets null (evanphx)',
      original: { a: 1 },
      patch: [{ op: 'add', path: '/b' }],
      want: { a: 1, b: null },
    },
  ])('$name', ({ original, patch, want }) => {
    const before = JSON.stringify({ original, patch });
    expect(applyJsonPatch(original, patch)).toEqual(want);
    expect(JSON.stringify({ original, patch })).toBe(before);
  });

  it.each([
    { name: 'a test that does not hold', patch: [{ op: 'test', path: '/a', value: 2 }] },
    { name: 'a missing intermediate member', patch: [{ op: 'add', path: '/x/y', value: 1 }] },
    { name: 'a removal of a missing member', patch: [{ op: 'remove', path: '/x' }] },
    { name: 'a replacement of a missing member', patch: [{ op: 'replace', path: '/x', value: 1 }] },
    { name: 'an index past the end', patch: [{ op: 'add', path: '/l/3', value: 1 }] },
    { name: 'an index that is not a number', patch: [{ op: 'remove', path: '/l/x' }] },
    { name: 'a path without a leading slash', patch: [{ op: 'add', path: 'a', value: 1 }] },
    { name: 'a path that is not a string', patch: [{ op: 'add', path: 1, value: 1 }] },
    { name: 'an add to the whole document', patch: [{ op: 'add', path: '', value: {} }] },
    { name: 'a copy from a missing member', patch: [{ op: 'copy', from: '/x', path: '/y' }] },
    { name: 'a move without from', patch: [{ op: 'move', path: '/y' }] },
    { name: 'a move into its own child', patch: [{ op: 'move', from: '/o', path: '/o/c' }] },
    { name: 'an unknown op', patch: [{ op: 'frob', path: '/a' }] },
    { name: 'an op that is not a string', patch: [{ op: 1, path: '/a' }] },
    { name: 'a member lookup in a string', patch: [{ op: 'add', path: '/a/b', value: 1 }] },
  ])('refuses $name with the 422 kube-apiserver sends', ({ patch }) => {
    const err = statusErrorOf(() => applyJsonPatch({ a: 1, l: [1, 2], o: {} }, patch));
    expect([err.code, err.reason, err.message]).toEqual([
      422,
      'Invalid',
      'the server rejected our request due to an error in our request',
    ]);
  });

  it('refuses 26 doubling copies (a 1.3 KB patch once grew to gigabytes) at the copy limit', () => {
    const patch = [
      { op: 'add', path: '/a', value: ['x'.repeat(20)] },
      ...repeat(26, () => ({ op: 'copy', from: '/a', path: '/a/-' })),
    ];
    expect(JSON.stringify(patch).length).toBeLessThan(1500);
    const err = statusErrorOf(() => applyJsonPatch({}, patch));
    expect([err.code, err.reason]).toEqual([422, 'Invalid']);
    expect(err.message).toMatch(
      new RegExp(`^the JSON patch copies \\d+ bytes, more than the limit of ${maxJsonPatchCopyBytes} bytes$`),
    );
  });

  it('allows copies up to the limit', () => {
    const value = 'x'.repeat(1024 * 1024);
    const patch = repeat(2, (i) => ({ op: 'copy', from: '/v', path: `/c${i}` }));
    expect(applyJsonPatch({ v: value }, patch)).toEqual({ v: value, c0: value, c1: value });
  });

  it('refuses a patch growing the object past the size limit, at the operation that does', () => {
    const chunk = 'x'.repeat(1024 * 1024);
    const patch = repeat(7, (i) => ({ op: 'add', path: `/k${i}`, value: chunk }));
    const err = statusErrorOf(() => applyJsonPatch({}, patch));
    expect([err.code, err.reason, err.message]).toEqual([
      413,
      'RequestEntityTooLarge',
      `the patch would make the object larger than ${maxPatchedObjectBytes} bytes`,
    ]);
  });

  it('counts what removals and replacements free', () => {
    const chunk = 'x'.repeat(1024 * 1024);
    const patch = repeat(20, () => [
      { op: 'add', path: '/k', value: chunk },
      { op: 'replace', path: '/k', value: chunk },
      { op: 'remove', path: '/k' },
    ]).flat();
    expect(applyJsonPatch({}, patch)).toEqual({});
  });

  it('refuses inserting 10,000 times at the head of a million-element array', () => {
    const original = { l: repeat(1_000_000, () => 0) };
    const err = statusErrorOf(() =>
      applyJsonPatch(
        original,
        repeat(10_000, () => ({ op: 'add', path: '/l/0', value: 1 })),
      ),
    );
    expect([err.code, err.reason]).toEqual([413, 'RequestEntityTooLarge']);
  });

  // Each of these took seconds to minutes when an operation cost time in proportion to the whole object.
  it.each([
    { name: '10,000 moves of a large member onto itself', op: { op: 'move', from: '/big', path: '/big' } },
    { name: '10,000 small copies out of a large object', op: { op: 'copy', from: '/big/k1', path: '/small' } },
    { name: '10,000 tests inside a large member', op: { op: 'test', path: '/big/k1', value: 'v' } },
  ])('applies $name in time linear in the patch', ({ op }) => {
    const original = { big: Object.fromEntries(repeat(100_000, (i) => [`k${i}`, 'v'])) };
    expect(
      cpuMsOf(() =>
        applyJsonPatch(
          original,
          repeat(10_000, () => op),
        ),
      ),
    ).toBeLessThan(2000);
  });
});
