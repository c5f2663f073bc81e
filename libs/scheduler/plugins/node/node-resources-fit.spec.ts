import type { Pod } from '@kubenest/api/core/types';
import { CycleState } from '../../framework';
import type { FilterPlugin, PreFilterPlugin, PreScorePlugin, QueueingHintFn, ScorePlugin } from '../../framework';
import { makeNode, makePod, noHandle, nodeInfoOf, outcome, scoreAll } from './node-plugins.fixtures';
import { newNodeResourcesFit } from './node-resources-fit';

type Fit = PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin;
const plugin = (args?: Record<string, unknown>) => newNodeResourcesFit(args, noHandle) as Fit;

type List = Record<string, string>;
const allocatable: List = { cpu: '4', memory: '8Gi', pods: '3', 'ephemeral-storage': '10Gi', 'example.com/gpu': '2' };

const filterOn = (fit: Fit, pod: Pod, node: List, existing: Pod[] = []) => {
  const state = new CycleState();
  expect(fit.preFilter(state, pod, []).status.code).toBe('Success');
  return outcome(fit.filter(state, pod, nodeInfoOf(makeNode('n', { allocatable: node }), existing)));
};

describe('NodeResourcesFit filter', () => {
  const running = (requests: List, name = 'e') => makePod(name, { requests: [requests], nodeName: 'n' });

  it.each<{ name: string; requests?: List[]; existing?: Pod[]; node?: List; want: string[] }>([
    { name: 'fits an empty node', requests: [{ cpu: '1', memory: '1Gi' }], want: [] },
    { name: 'a pod asking for nothing fits', requests: undefined, want: [] },
    { name: 'exactly what is left fits', requests: [{ cpu: '3' }], existing: [running({ cpu: '1' })], want: [] },
    {
      name: 'one millicore more does not',
      requests: [{ cpu: '3001m' }],
      existing: [running({ cpu: '1' })],
      want: ['Insufficient cpu'],
    },
    { name: 'memory', requests: [{ memory: '9Gi' }], want: ['Insufficient memory'] },
    {
      name: 'ephemeral storage',
      requests: [{ 'ephemeral-storage': '11Gi' }],
      want: ['Insufficient ephemeral-storage'],
    },
    { name: 'an extended resource', requests: [{ 'example.com/gpu': '3' }], want: ['Insufficient example.com/gpu'] },
    {
      name: 'an extended resource the node lacks',
      requests: [{ 'example.com/fpga': '1' }],
      want: ['Insufficient example.com/fpga'],
    },
    { name: 'an extended resource asked as zero', requests: [{ 'example.com/fpga': '0' }], want: [] },
    { name: 'hugepages', requests: [{ 'hugepages-2Mi': '2Mi' }], want: ['Insufficient hugepages-2Mi'] },
    {
      name: 'too many pods',
      requests: [{ cpu: '100m' }],
      existing: [running({}, 'e1'), running({}, 'e2'), running({}, 'e3')],
      want: ['Too many pods'],
    },
    {
      name: 'too many pods counts even a pod asking for nothing',
      requests: undefined,
      existing: [running({}, 'e1'), running({}, 'e2'), running({}, 'e3')],
      want: ['Too many pods'],
    },
    {
      name: 'a node without a pods allocatable holds no pod',
      requests: undefined,
      node: { cpu: '4' },
      want: ['Too many pods'],
    },
    {
      name: 'every reason, in kube order',
      requests: [{ cpu: '5', memory: '9Gi', 'ephemeral-storage': '11Gi', 'example.com/gpu': '3' }],
      existing: [running({}, 'e1'), running({}, 'e2'), running({}, 'e3')],
      want: [
        'Too many pods',
        'Insufficient cpu',
        'Insufficient memory',
        'Insufficient ephemeral-storage',
        'Insufficient example.com/gpu',
      ],
    },
    {
      name: 'requests of the pods there count, not the defaults',
      requests: [{ cpu: '4' }],
      existing: [running({})],
      want: [],
    },
    {
      name: 'an init container larger than what is left',
      requests: [{ cpu: '1' }],
      existing: [
        makePod('e', { requests: [{ cpu: '1' }], initContainers: [{ requests: { cpu: '3500m' } }], nodeName: 'n' }),
      ],
      want: ['Insufficient cpu'],
    },
  ])('$name', ({ requests, existing, node, want }) => {
    expect(filterOn(plugin(), makePod('p', { requests }), node ?? allocatable, existing)).toEqual(
      want.length ? { code: 'Unschedulable', reasons: want } : { code: 'Success', reasons: [] },
    );
  });

  it('counts the init containers, sidecars and overhead of the pod', () => {
    const pod = makePod('p', {
      requests: [{ cpu: '1' }],
      initContainers: [{ requests: { cpu: '1' }, sidecar: true }, { requests: { cpu: '2' } }],
      overhead: { cpu: '500m' },
    });
    expect(filterOn(plugin(), pod, { ...allocatable, cpu: '3500m' }).code).toBe('Success');
    expect(filterOn(plugin(), pod, { ...allocatable, cpu: '3499m' }).reasons).toEqual(['Insufficient cpu']);
  });

  it.each([
    {
      name: 'ignoredResources',
      args: { ignoredResources: ['example.com/fpga'] },
      want: ['Insufficient example.com/gpu', 'Insufficient hugepages-2Mi'],
    },
    {
      name: 'ignoredResourceGroups',
      args: { ignoredResourceGroups: ['example.com'] },
      want: ['Insufficient hugepages-2Mi'],
    },
    {
      name: 'neither applies to resources that are not extended',
      args: { ignoredResources: ['hugepages-2Mi'], ignoredResourceGroups: ['hugepages-2Mi'] },
      want: ['Insufficient example.com/fpga', 'Insufficient example.com/gpu', 'Insufficient hugepages-2Mi'],
    },
  ])('$name', ({ args, want }) => {
    const pod = makePod('p', {
      requests: [{ 'example.com/fpga': '1', 'example.com/gpu': '3', 'hugepages-2Mi': '2Mi' }],
    });
    const reasons = filterOn(plugin(args), pod, allocatable).reasons;
    expect([...reasons].sort()).toEqual(want);
  });

  it('filters without its pre-filter state', () => {
    const pod = makePod('p', { requests: [{ cpu: '5' }] });
    expect(plugin().filter(new CycleState(), pod, nodeInfoOf(makeNode('n', { allocatable }))).reasons).toEqual([
      'Insufficient cpu',
    ]);
  });
});

describe('NodeResourcesFit score', () => {
  const node = { cpu: '4', memory: '8Gi', pods: '110', 'example.com/gpu': '4' };
  const nodes = () => [
    nodeInfoOf(makeNode('empty', { allocatable: node })),
    nodeInfoOf(makeNode('half', { allocatable: node }), [
      makePod('e', { requests: [{ cpu: '2', memory: '4Gi' }], nodeName: 'half' }),
    ]),
    // A pod without requests counts 100m and 200Mi when scoring.
    nodeInfoOf(makeNode('besteffort', { allocatable: node }), [makePod('e', { nodeName: 'besteffort' })]),
  ];
  const pod = makePod('p', { requests: [{ cpu: '1', memory: '2Gi' }] });

  it.each<{ name: string; args?: Record<string, unknown>; pod?: Pod; want: Record<string, number> }>([
    { name: 'LeastAllocated by default', want: { empty: 75, half: 25, besteffort: 72 } },
    {
      name: 'MostAllocated',
      args: { scoringStrategy: { type: 'MostAllocated' } },
      want: { empty: 25, half: 75, besteffort: 27 },
    },
    {
      name: 'a pod without requests counts the defaults',
      pod: makePod('p'),
      want: { empty: 97, half: 47, besteffort: 95 },
    },
    {
      name: 'weights',
      args: {
        scoringStrategy: {
          type: 'LeastAllocated',
          resources: [
            { name: 'cpu', weight: 3 },
            { name: 'memory', weight: 1 },
          ],
        },
      },
      pod: makePod('p', { requests: [{ cpu: '1', memory: '6Gi' }] }),
      want: { empty: 62, half: 18, besteffort: 59 },
    },
    {
      name: 'an extended resource the pod does not ask for is left out',
      args: {
        scoringStrategy: {
          resources: [
            { name: 'cpu', weight: 1 },
            { name: 'memory', weight: 1 },
            { name: 'example.com/gpu', weight: 1 },
          ],
        },
      },
      want: { empty: 75, half: 25, besteffort: 72 },
    },
    {
      name: 'an extended resource the pod asks for counts',
      args: {
        scoringStrategy: {
          resources: [
            { name: 'cpu', weight: 1 },
            { name: 'memory', weight: 1 },
            { name: 'example.com/gpu', weight: 1 },
          ],
        },
      },
      pod: makePod('p', { requests: [{ cpu: '1', memory: '2Gi', 'example.com/gpu': '1' }] }),
      want: { empty: 75, half: 41, besteffort: 73 },
    },
    {
      name: 'more than the node has scores 0 for that resource',
      pod: makePod('p', { requests: [{ cpu: '5', memory: '2Gi' }] }),
      want: { empty: 37, half: 12, besteffort: 36 },
    },
    {
      name: 'RequestedToCapacityRatio, packing',
      args: {
        scoringStrategy: {
          type: 'RequestedToCapacityRatio',
          requestedToCapacityRatio: {
            shape: [
              { utilization: 0, score: 0 },
              { utilization: 100, score: 10 },
            ],
          },
        },
      },
      want: { empty: 25, half: 75, besteffort: 27 },
    },
    {
      name: 'RequestedToCapacityRatio, spreading; a resource scoring 0 is left out',
      args: {
        scoringStrategy: {
          type: 'RequestedToCapacityRatio',
          requestedToCapacityRatio: {
            shape: [
              { utilization: 0, score: 10 },
              { utilization: 100, score: 0 },
            ],
          },
        },
      },
      pod: makePod('p', { requests: [{ cpu: '5', memory: '2Gi' }] }),
      want: { empty: 75, half: 25, besteffort: 73 },
    },
    {
      name: 'RequestedToCapacityRatio, a broken line',
      args: {
        scoringStrategy: {
          type: 'RequestedToCapacityRatio',
          requestedToCapacityRatio: {
            shape: [
              { utilization: 30, score: 2 },
              { utilization: 50, score: 8 },
              { utilization: 80, score: 3 },
            ],
          },
        },
      },
      want: { empty: 20, half: 39, besteffort: 20 },
    },
  ])('$name', ({ args, pod: p, want }) => {
    expect(scoreAll(plugin(args), p ?? pod, nodes())).toEqual(want);
  });

  it.each([
    {
      name: 'an unknown strategy',
      args: { scoringStrategy: { type: 'Random' } },
      error: 'type: Unsupported value: "Random"',
    },
    {
      name: 'RequestedToCapacityRatio without a shape',
      args: { scoringStrategy: { type: 'RequestedToCapacityRatio' } },
      error: 'requestedToCapacityRatio.shape: Required value',
    },
    {
      name: 'a weight above 100',
      args: { scoringStrategy: { resources: [{ name: 'cpu', weight: 101 }] } },
      error: 'resources[0].weight: Invalid value: 101',
    },
    {
      name: 'a shape out of order',
      args: {
        scoringStrategy: {
          type: 'RequestedToCapacityRatio',
          requestedToCapacityRatio: {
            shape: [
              { utilization: 50, score: 1 },
              { utilization: 50, score: 2 },
            ],
          },
        },
      },
      error:
        'requestedToCapacityRatio.shape[1].utilization: Invalid value: 50: utilization values must be sorted in increasing order',
    },
    {
      name: 'a shape score above 10',
      args: {
        scoringStrategy: {
          type: 'RequestedToCapacityRatio',
          requestedToCapacityRatio: { shape: [{ utilization: 0, score: 11 }] },
        },
      },
      error: 'requestedToCapacityRatio.shape[0].score: Invalid value: 11',
    },
  ])('refuses $name', ({ args, error }) => {
    expect(() => plugin(args)).toThrow(`NodeResourcesFit: scoringStrategy.${error}`);
  });

  it('takes an unset or zero weight as 1', () => {
    const args = { scoringStrategy: { resources: [{ name: 'cpu' }, { name: 'memory', weight: 0 }] } };
    expect(scoreAll(plugin(args), pod, nodes())).toEqual({ empty: 75, half: 25, besteffort: 72 });
  });
});

describe('NodeResourcesFit events', () => {
  const events = plugin().eventsToRegister?.() ?? [];
  const hintFor = (action: string) => events.find((e) => e.event.action === action)?.hint as QueueingHintFn;
  const pod = makePod('p', { requests: [{ cpu: '2' }] });

  it('registers pod deletions and scale-downs, node additions and allocatable updates', () => {
    expect(events.map((e) => `${e.event.resource}/${e.event.action}`)).toEqual([
      'Pod/Delete',
      'Pod/UpdatePodScaleDown',
      'Node/Add',
      'Node/UpdateNodeAllocatable',
    ]);
  });

  it.each([
    { name: 'an assigned pod deleted', deleted: makePod('d', { nodeName: 'n' }), want: 'Queue' },
    { name: 'an unassigned pod deleted', deleted: makePod('d'), want: 'Skip' },
    {
      name: 'a nominated pod deleted',
      deleted: { ...makePod('d'), status: { nominatedNodeName: 'n' } },
      want: 'Queue',
    },
  ])('$name', ({ deleted, want }) => {
    expect(hintFor('Delete')(pod, deleted, undefined)).toBe(want);
  });

  it.each<{ name: string; before: List; after: List; want: string }>([
    { name: 'cpu scaled down', before: { cpu: '2' }, after: { cpu: '1' }, want: 'Queue' },
    {
      name: 'memory scaled down, the pod asks no memory',
      before: { memory: '2Gi' },
      after: { memory: '1Gi' },
      want: 'Skip',
    },
  ])('$name', ({ before, after, want }) => {
    const old = makePod('e', { requests: [before], nodeName: 'n' });
    const now = makePod('e', { requests: [after], nodeName: 'n' });
    expect(hintFor('UpdatePodScaleDown')(pod, old, now)).toBe(want);
  });

  it('queues the pod when it scaled itself down', () => {
    const smaller = makePod('p', { requests: [{ cpu: '1' }] });
    expect(hintFor('UpdatePodScaleDown')(pod, pod, smaller)).toBe('Queue');
  });

  it('skips a scale-down of a pod not bound yet', () => {
    const old = makePod('e', { requests: [{ cpu: '2' }] });
    expect(hintFor('UpdatePodScaleDown')(pod, old, makePod('e', { requests: [{ cpu: '1' }] }))).toBe('Skip');
  });

  it.each<{ name: string; old?: List; now: List; want: string }>([
    { name: 'a node large enough added', old: undefined, now: { cpu: '4', pods: '10' }, want: 'Queue' },
    { name: 'a node too small added', old: undefined, now: { cpu: '1', pods: '10' }, want: 'Skip' },
    { name: 'cpu grew enough', old: { cpu: '1', pods: '10' }, now: { cpu: '4', pods: '10' }, want: 'Queue' },
    {
      name: 'memory grew, the pod asks no memory',
      old: { cpu: '4', memory: '1Gi', pods: '10' },
      now: { cpu: '4', memory: '2Gi', pods: '10' },
      want: 'Skip',
    },
    { name: 'grew, still too small', old: { cpu: '1', pods: '10' }, now: { cpu: '1500m', pods: '10' }, want: 'Skip' },
  ])('$name', ({ old, now, want }) => {
    const hint = hintFor('UpdateNodeAllocatable');
    expect(hint(pod, old && makeNode('n', { allocatable: old }), makeNode('n', { allocatable: now }))).toBe(want);
  });
});
