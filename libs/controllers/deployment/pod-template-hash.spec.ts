import {
  canonicalJson,
  computeHash,
  equalIgnoreHash,
  fnv32a,
  PodTemplate,
  safeEncodeString,
} from './pod-template-hash';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('fnv32a', () => {
  it.each([
    { text: '', want: 0x811c9dc5 },
    { text: 'a', want: 0xe40c292c },
    { text: 'foobar', want: 0xbf9cf968 },
  ])('of "$text"', ({ text, want }) => {
    expect(fnv32a(bytes(text))).toBe(want);
  });
});

describe('safeEncodeString', () => {
  it('maps digits onto the alphabet without vowels, as kube names read', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });
});

describe('computeHash', () => {
  const web: PodTemplate = {
    metadata: { labels: { app: 'web' } },
    spec: { containers: [{ name: 'web', image: 'v1' }] },
  };
  const reordered: PodTemplate = {
    spec: { containers: [{ image: 'v1', name: 'web' }] },
    metadata: { labels: { app: 'web' } },
  };

  it('is digits of the alphabet only, at most 10 of them', () => {
    expect(computeHash(web)).toMatch(/^[456789bcdf]{1,10}$/);
  });

  it.each([
    { name: 'the same template in another key order', other: () => computeHash(reordered), same: true },
    { name: 'no collision count and a count of 0', other: () => computeHash(web, 0), same: false },
    { name: 'another collision count', other: () => computeHash(web, 1), same: false },
    {
      name: 'another image',
      other: () => computeHash({ ...web, spec: { containers: [{ name: 'web', image: 'v2' }] } }),
      same: false,
    },
  ])('$name: same hash is $same', ({ other, same }) => {
    expect(computeHash(web) === other()).toBe(same);
  });

  it('gives different counts different hashes', () => {
    expect(new Set([0, 1, 2, 3, 4].map((n) => computeHash(web, n))).size).toBe(5);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and leaves undefined fields out', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe('equalIgnoreHash', () => {
  const t = (labels: Record<string, string>, extra: Record<string, unknown> = {}): PodTemplate => ({
    metadata: { labels },
    spec: { containers: [{ name: 'web', image: 'v1' }], ...extra },
  });
  it.each([
    {
      name: 'hash label only on one side',
      a: t({ app: 'web', 'pod-template-hash': 'abc' }),
      b: t({ app: 'web' }),
      want: true,
    },
    {
      name: 'different hash labels',
      a: t({ app: 'web', 'pod-template-hash': 'a' }),
      b: t({ app: 'web', 'pod-template-hash': 'b' }),
      want: true,
    },
    { name: 'another label', a: t({ app: 'web', tier: 'x' }), b: t({ app: 'web' }), want: false },
    { name: 'empty and missing lists', a: t({ app: 'web' }, { volumes: [] }), b: t({ app: 'web' }), want: true },
    { name: 'another field', a: t({ app: 'web' }, { hostNetwork: true }), b: t({ app: 'web' }), want: false },
  ])('$name: $want', ({ a, b, want }) => {
    expect(equalIgnoreHash(a, b)).toBe(want);
  });

  it('leaves the templates it compares alone', () => {
    const a = t({ app: 'web', 'pod-template-hash': 'abc' });
    equalIgnoreHash(a, t({ app: 'web' }));
    expect(a.metadata?.labels).toEqual({ app: 'web', 'pod-template-hash': 'abc' });
  });
});
