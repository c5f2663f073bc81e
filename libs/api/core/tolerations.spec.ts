import { matchingTolerations, Taint, toleratesTaint, Toleration } from './tolerations';

const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };

describe('toleratesTaint', () => {
  it.each<{ name: string; toleration: Toleration; taint?: Taint; want: boolean }>([
    { name: 'Exists on the key', toleration: { key: unreachable.key, operator: 'Exists' }, want: true },
    { name: 'empty key with Exists tolerates all', toleration: { operator: 'Exists' }, want: true },
    {
      name: 'another effect',
      toleration: { key: unreachable.key, operator: 'Exists', effect: 'NoSchedule' },
      want: false,
    },
    { name: 'another key', toleration: { key: 'x', operator: 'Exists' }, want: false },
    { name: 'Equal with no value matches an empty value', toleration: { key: unreachable.key }, want: true },
    {
      name: 'Equal compares values',
      toleration: { key: 'k', value: 'a', operator: 'Equal' },
      taint: { key: 'k', value: 'b', effect: 'NoExecute' },
      want: false,
    },
    {
      name: 'an unknown operator',
      toleration: { key: unreachable.key, operator: 'Lt' as Toleration['operator'] },
      want: false,
    },
  ])('$name', ({ toleration, taint, want }) => {
    expect(toleratesTaint(toleration, taint ?? unreachable)).toBe(want);
  });
});

describe('matchingTolerations', () => {
  const notReady: Taint = { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' };
  it('names the first toleration of each taint', () => {
    const a: Toleration = { key: unreachable.key, operator: 'Exists', tolerationSeconds: 5 };
    const b: Toleration = { operator: 'Exists' };
    expect(matchingTolerations([unreachable, notReady], [a, b])).toEqual({ allTolerated: true, used: [a, b] });
  });
  it('is not all tolerated when one taint has no toleration', () => {
    expect(matchingTolerations([unreachable, notReady], [{ key: unreachable.key, operator: 'Exists' }])).toEqual({
      allTolerated: false,
      used: [],
    });
  });
});
