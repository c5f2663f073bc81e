import { toleratesTaint } from '@kubenest/api/core/tolerations';
import { firstUntoleratedTaint, doNotScheduleTaint, Taint, Toleration } from './tolerations';

const taint: Taint = { key: 'dedicated', value: 'db', effect: 'NoSchedule' };

describe('toleratesTaint', () => {
  it.each<{ name: string; toleration: Toleration; want: boolean }>([
    {
      name: 'Equal with key, value and effect',
      toleration: { key: 'dedicated', value: 'db', effect: 'NoSchedule' },
      want: true,
    },
    { name: 'no operator means Equal', toleration: { key: 'dedicated', value: 'db' }, want: true },
    {
      name: 'Equal with another value',
      toleration: { key: 'dedicated', operator: 'Equal', value: 'web' },
      want: false,
    },
    { name: 'Equal without a value', toleration: { key: 'dedicated', operator: 'Equal' }, want: false },
    { name: 'Exists on the key', toleration: { key: 'dedicated', operator: 'Exists' }, want: true },
    { name: 'Exists on another key', toleration: { key: 'gpu', operator: 'Exists' }, want: false },
    { name: 'Exists with no key tolerates everything', toleration: { operator: 'Exists' }, want: true },
    { name: 'another effect', toleration: { key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, want: false },
    { name: 'an empty effect matches every effect', toleration: { operator: 'Exists', effect: undefined }, want: true },
    {
      name: 'an unknown operator tolerates nothing',
      toleration: { key: 'dedicated', operator: 'Lt' as Toleration['operator'] },
      want: false,
    },
  ])('$name', ({ toleration, want }) => {
    expect(toleratesTaint(toleration, taint)).toBe(want);
  });

  it('matches an empty taint value with an empty toleration value', () => {
    expect(toleratesTaint({ key: 'k', operator: 'Equal' }, { key: 'k', effect: 'NoSchedule' })).toBe(true);
  });
});

describe('firstUntoleratedTaint', () => {
  const taints: Taint[] = [
    { key: 'soft', effect: 'PreferNoSchedule' },
    { key: 'a', value: '1', effect: 'NoSchedule' },
    { key: 'b', value: '2', effect: 'NoExecute' },
  ];

  it.each<{ name: string; tolerations?: Toleration[]; want?: string }>([
    { name: 'none tolerated: the first that applies', tolerations: undefined, want: 'a' },
    { name: 'the next one', tolerations: [{ key: 'a', operator: 'Exists' }], want: 'b' },
    {
      name: 'all tolerated',
      tolerations: [
        { key: 'a', value: '1' },
        { key: 'b', value: '2' },
      ],
      want: undefined,
    },
  ])('$name', ({ tolerations, want }) => {
    expect(firstUntoleratedTaint(taints, tolerations, doNotScheduleTaint)?.key).toBe(want);
  });
});
