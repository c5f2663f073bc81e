import type { Pod } from '@kubenest/api/core/types';
import { node, pod } from '../pod-plugins.fixtures';
import { requiredNodeAffinity } from '../../../framework/node-affinity';
import { hasUntoleratedTaint } from './node-inclusion';

const withSpec = (spec: Partial<NonNullable<Pod['spec']>>) => pod('p', { spec });
/** Required node affinity with these terms, and a nodeSelector when given. */
const required = (terms: object[], nodeSelector?: Record<string, string>) =>
  withSpec({
    nodeSelector,
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } },
  } as never);

describe('requiredNodeAffinity', () => {
  const ssd = node('a', { disk: 'ssd', cores: '8' });
  const hdd = node('b', { disk: 'hdd', cores: '2' });
  it.each([
    { name: 'no constraint: every node', p: withSpec({}), want: [true, true] },
    { name: 'nodeSelector', p: withSpec({ nodeSelector: { disk: 'ssd' } }), want: [true, false] },
    {
      name: 'terms are ORed',
      p: required([
        { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] },
        { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['b'] }] },
      ]),
      want: [true, true],
    },
    {
      name: 'Gt on a number',
      p: required([{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['4'] }] }]),
      want: [true, false],
    },
    { name: 'an empty term matches nothing', p: required([{}]), want: [false, false] },
    {
      name: 'an unknown operator matches nothing',
      p: required([{ matchExpressions: [{ key: 'disk', operator: 'Near' }] }]),
      want: [false, false],
    },
    {
      name: 'nodeSelector and terms both apply',
      p: required([{ matchExpressions: [{ key: 'disk', operator: 'Exists' }] }], { cores: '2' }),
      want: [false, true],
    },
  ])('$name', ({ p, want }) => {
    const matches = requiredNodeAffinity(p);
    expect([matches(ssd), matches(hdd)]).toEqual(want);
  });
});

describe('hasUntoleratedTaint', () => {
  const tainted = node('t', {}, { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] });
  it.each([
    { name: 'no toleration', tolerations: undefined, want: true },
    { name: 'Equal with the value', tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db' }], want: false },
    {
      name: 'Equal with another value',
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'web' }],
      want: true,
    },
    { name: 'Exists on the key', tolerations: [{ key: 'dedicated', operator: 'Exists' }], want: false },
    { name: 'Exists on every key', tolerations: [{ operator: 'Exists' }], want: false },
    {
      name: 'another effect',
      tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }],
      want: true,
    },
  ])('$name', ({ tolerations, want }) => {
    expect(hasUntoleratedTaint(tainted, tolerations as never)).toBe(want);
  });

  it('PreferNoSchedule taints do not keep the node out', () => {
    expect(hasUntoleratedTaint(node('s', {}, { taints: [{ key: 'k', effect: 'PreferNoSchedule' }] }), [])).toBe(false);
  });
});
