import type { Pod } from '@kubenest/api/core/types';
import { CycleState } from '../../framework';
import type { PreScorePlugin, ScorePlugin } from '../../framework';
import { makeNode, makePod, noHandle, nodeInfoOf, scoreAll } from './node-plugins.fixtures';
import { newNodeResourcesBalancedAllocation } from './node-resources-balanced-allocation';

type Balanced = PreScorePlugin & ScorePlugin;
const plugin = (args?: Record<string, unknown>) => newNodeResourcesBalancedAllocation(args, noHandle) as Balanced;

const node = { cpu: '4', memory: '8Gi', 'ephemeral-storage': '8Gi', pods: '110', 'example.com/gpu': '4' };
const nodes = () => [
  nodeInfoOf(makeNode('empty', { allocatable: node })),
  nodeInfoOf(makeNode('cpu-heavy', { allocatable: node }), [
    makePod('e', { requests: [{ cpu: '2' }], nodeName: 'cpu-heavy' }),
  ]),
  // Its pod asks for nothing: balanced allocation counts requests as they are, not 100m / 200Mi.
  nodeInfoOf(makeNode('besteffort', { allocatable: node }), [makePod('e', { nodeName: 'besteffort' })]),
];

describe('NodeResourcesBalancedAllocation', () => {
  it.each<{ name: string; args?: Record<string, unknown>; pod: Pod; want: Record<string, number> }>([
    {
      name: 'even shares score best',
      pod: makePod('p', { requests: [{ cpu: '1', memory: '2Gi' }] }),
      want: { empty: 100, 'cpu-heavy': 75, besteffort: 100 },
    },
    {
      name: 'uneven shares: 100 × (1 − half the difference)',
      pod: makePod('p', { requests: [{ cpu: '1', memory: '6Gi' }] }),
      want: { empty: 75, 'cpu-heavy': 100, besteffort: 75 },
    },
    {
      name: 'a share above the capacity counts as full',
      pod: makePod('p', { requests: [{ cpu: '8', memory: '0' }] }),
      want: { empty: 50, 'cpu-heavy': 50, besteffort: 50 },
    },
    {
      name: 'three resources: the standard deviation',
      args: {
        resources: [
          { name: 'cpu', weight: 1 },
          { name: 'memory', weight: 1 },
          { name: 'ephemeral-storage', weight: 1 },
        ],
      },
      pod: makePod('p', { requests: [{ cpu: '1', memory: '2Gi', 'ephemeral-storage': '6Gi' }] }),
      want: { empty: 76, 'cpu-heavy': 76, besteffort: 76 },
    },
    {
      name: 'an extended resource the pod does not ask for is left out',
      args: {
        resources: [
          { name: 'cpu', weight: 1 },
          { name: 'memory', weight: 1 },
          { name: 'example.com/gpu', weight: 1 },
        ],
      },
      pod: makePod('p', { requests: [{ cpu: '1', memory: '2Gi' }] }),
      want: { empty: 100, 'cpu-heavy': 75, besteffort: 100 },
    },
    {
      name: 'a pod asking for nothing is not scored',
      pod: makePod('p'),
      want: { empty: 0, 'cpu-heavy': 0, besteffort: 0 },
    },
  ])('$name', ({ args, pod, want }) => {
    expect(scoreAll(plugin(args), pod, nodes())).toEqual(want);
  });

  it('skips a pod asking for none of its resources at pre-score', () => {
    expect(plugin().preScore(new CycleState(), makePod('p', { requests: [{ 'example.com/gpu': '1' }] }), []).code).toBe(
      'Skip',
    );
  });

  it('scores without its pre-score state', () => {
    const pod = makePod('p', { requests: [{ cpu: '1', memory: '6Gi' }] });
    expect(plugin().score(new CycleState(), pod, nodes()[0])).toBe(75);
  });
});
