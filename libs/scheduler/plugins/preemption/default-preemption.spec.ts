import type { Node, Pod } from '@kubenest/api/core/types';
import { StatusError } from '@kubenest/apimachinery';
import { strategicMergePatchType } from '@kubenest/apimachinery/patch';
import { resources } from '@kubenest/client';
import { FakeAction } from '@kubenest/client/testing';
import {
  CycleState,
  isPostFilter,
  NodeToStatus,
  PostFilterResult,
  Status,
  unresolvable,
  unschedulable,
} from '../../framework';
import { preemptionPlugins } from '.';
import { DEFAULT_PREEMPTION_ARGS, DefaultPreemptionArgs } from './default-preemption-args';
import { DefaultPreemption } from './default-preemption';
import {
  at,
  ExtensionCalls,
  FakeHandle,
  filterStatuses,
  makeNode,
  makePod,
  newFakeHandle,
  PodOptions,
  T0,
} from './preemption.fixtures';

const NOW = T0 + 3_600_000;
const onNode = (nodeName: string, name: string, o: PodOptions) => makePod(name, { nodeName, ...o });
const low = (nodeName: string, name: string, priority = 1) =>
  onNode(nodeName, name, { priority, requests: { cpu: '1' }, startedAt: 0 });

interface Run {
  handle: FakeHandle;
  result: PostFilterResult;
  state: CycleState;
  warnings: string[];
}

const run = async (
  nodes: Node[],
  pods: Pod[],
  preemptor: Pod,
  o: {
    filtered?: NodeToStatus;
    args?: Partial<DefaultPreemptionArgs>;
    offset?: number;
    setup?: (h: FakeHandle) => void;
  } = {},
): Promise<Run> => {
  const handle = newFakeHandle({ nodes, pods });
  o.setup?.(handle);
  const warnings: string[] = [];
  const plugin = new DefaultPreemption({ ...DEFAULT_PREEMPTION_ARGS, ...o.args }, handle, {
    random: (n) => (o.offset ?? 0) % n,
    now: () => NOW,
    logger: { warn: (m: string) => warnings.push(m) },
  });
  const state = new CycleState();
  const result = await plugin.postFilter(state, preemptor, o.filtered ?? filterStatuses(nodes));
  return { handle, result, state, warnings };
};

const writes = (handle: FakeHandle): FakeAction[] => handle.client.actions.filter((a) => a.verb !== 'get');
const deleted = (handle: FakeHandle): string[] =>
  handle.client.actions.filter((a) => a.verb === 'delete').map((a) => a.name!);

const preemptor = (o: PodOptions = {}) => makePod('preemptor', { priority: 10, requests: { cpu: '1' }, ...o });

describe('DefaultPreemption', () => {
  it('is registered under its kube name as a post-filter', () => {
    const plugin = preemptionPlugins.DefaultPreemption(undefined, newFakeHandle({ nodes: [], pods: [] }));
    expect(plugin.name).toBe('DefaultPreemption');
    expect(isPostFilter(plugin)).toBe(true);
  });

  it('refuses invalid args when built', () => {
    expect(() =>
      preemptionPlugins.DefaultPreemption({ minCandidateNodesPercentage: 200 }, newFakeHandle({ nodes: [], pods: [] })),
    ).toThrow('minCandidateNodesPercentage: Invalid value: 200: not in valid range [0, 100]');
  });

  it('one node full of low pods: evicts the fewest, marks and deletes them gracefully, nominates the node', async () => {
    const nodes = [makeNode('n1', { cpu: '3' })];
    const pods = [low('n1', 'a', 1), low('n1', 'b', 2), low('n1', 'c', 3)];
    const { handle, result } = await run(nodes, pods, preemptor({ requests: { cpu: '2' } }));
    expect(result).toEqual({ status: expect.objectContaining({ code: 'Success' }), nominatedNodeName: 'n1' });
    expect(
      writes(handle).map((a) => [a.verb, a.name, a.subresource ?? '', a.patchType ?? '', a.patch, a.deleteOptions]),
    ).toEqual([
      [
        'patch',
        'b',
        'status',
        strategicMergePatchType,
        {
          status: {
            conditions: [
              {
                type: 'DisruptionTarget',
                status: 'True',
                reason: 'PreemptionByScheduler',
                message: 'default-scheduler: preempting to accommodate a higher priority pod',
                lastTransitionTime: at(60),
              },
            ],
          },
        },
        undefined,
      ],
      ['patch', 'a', 'status', strategicMergePatchType, expect.anything(), undefined],
      ['delete', 'b', '', '', undefined, { preconditions: { uid: 'uid-b' } }],
      ['delete', 'a', '', '', undefined, { preconditions: { uid: 'uid-a' } }],
    ]);
    expect(handle.events).toEqual(
      ['b', 'a'].map((name) => ({
        object: { apiVersion: 'v1', kind: 'Pod', metadata: expect.objectContaining({ name, uid: `uid-${name}` }) },
        type: 'Normal',
        reason: 'Preempted',
        message: 'Preempted by pod uid-preemptor on node n1',
      })),
    );
    const left = await handle.client.resource<Pod>(resources.pods).list('default');
    expect(left.items.map((p) => p.metadata.name)).toEqual(['c']);
  });

  it.each<{ name: string; onNodes: Record<string, Pod[]>; want: string }>([
    {
      name: 'the node whose highest victim has the lowest priority',
      onNodes: { n1: [low('n1', 'a', 5)], n2: [low('n2', 'b', 3)], n3: [low('n3', 'c', 4)] },
      want: 'n2',
    },
    {
      name: 'then the smallest sum of priorities',
      onNodes: {
        n1: [low('n1', 'a', 5), low('n1', 'b', 5)],
        n2: [low('n2', 'c', 5), low('n2', 'd', 2)],
        n3: [low('n3', 'e', 5), low('n3', 'f', 4)],
      },
      want: 'n2',
    },
    {
      name: 'then the fewest victims',
      onNodes: {
        n1: [low('n1', 'a', 5), low('n1', 'b', 1), low('n1', 'c', 1)],
        n2: [low('n2', 'd', 5), low('n2', 'e', 2)],
        n3: [low('n3', 'f', 5), low('n3', 'g', 1), low('n3', 'h', 1)],
      },
      want: 'n2',
    },
    {
      name: 'then the latest started',
      onNodes: {
        n1: [onNode('n1', 'a', { priority: 5, requests: { cpu: '2' }, startedAt: 10 })],
        n2: [onNode('n2', 'b', { priority: 5, requests: { cpu: '2' }, startedAt: 20 })],
        n3: [onNode('n3', 'c', { priority: 5, requests: { cpu: '2' }, startedAt: 5 })],
      },
      want: 'n2',
    },
  ])('several nodes, kube tie-break: $name', async ({ onNodes, want }) => {
    const nodes = ['n1', 'n2', 'n3'].map((n) => makeNode(n, { cpu: '2' }));
    const { handle, result } = await run(nodes, Object.values(onNodes).flat(), preemptor({ requests: { cpu: '2' } }));
    expect(result.nominatedNodeName).toBe(want);
    expect(deleted(handle).sort()).toEqual(onNodes[want].map((p) => p.metadata.name).sort());
  });

  it('preemptionPolicy Never: not eligible, nothing deleted, the nomination left as it is', async () => {
    const nodes = [makeNode('n1', { cpu: '1' })];
    const { handle, result } = await run(nodes, [low('n1', 'a')], preemptor({ preemptionPolicy: 'Never' }));
    expect(result).toEqual({
      status: { code: 'Unschedulable', reasons: ['preemption: not eligible due to preemptionPolicy=Never.'] },
    });
    expect('nominatedNodeName' in result).toBe(false);
    expect(writes(handle)).toEqual([]);
  });

  it('waits while the victims of its last preemption terminate on its nominated node', async () => {
    const nodes = [makeNode('n1', { cpu: '2' })];
    const pods = [
      onNode('n1', 'going', { priority: 1, requests: { cpu: '1' }, deleting: 'byPreemption' }),
      low('n1', 'a'),
    ];
    const { handle, result } = await run(nodes, pods, preemptor({ nominatedNodeName: 'n1', requests: { cpu: '2' } }));
    expect(result).toEqual({
      status: {
        code: 'Unschedulable',
        reasons: ['preemption: not eligible due to a terminating pod on the nominated node.'],
      },
    });
    expect(writes(handle)).toEqual([]);
  });

  it('tries only the nodes the filters found Unschedulable; the message counts the others as not helped', async () => {
    const nodes = ['n1', 'n2', 'n3'].map((n) => makeNode(n, { cpu: '1' }));
    const pods = [
      low('n1', 'a'),
      onNode('n2', 'b', { priority: 50, requests: { cpu: '1' } }),
      onNode('n3', 'c', { priority: 10, requests: { cpu: '1' } }),
    ];
    const filtered = filterStatuses(nodes, { n1: unresolvable("node(s) didn't match Pod's node affinity/selector") });
    const { handle, result } = await run(nodes, pods, preemptor(), { filtered });
    expect(result).toEqual({
      status: {
        code: 'Unschedulable',
        reasons: [
          'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
        ],
      },
      nominatedNodeName: '',
    });
    expect(handle.filteredNodes).toEqual([]);
    expect(writes(handle)).toEqual([]);
  });

  it.each<{ name: string; filtered: (nodes: Node[]) => NodeToStatus; want: string }>([
    {
      name: 'every node unresolvable',
      filtered: (nodes) => new Map(nodes.map((n) => [n.metadata.name!, unresolvable('node(s) were unschedulable')])),
      want: 'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    },
    {
      name: 'nodes absent from the statuses count as not tried',
      filtered: () => new Map(),
      want: 'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    },
    {
      name: 'no fit even with the victims gone: the filter reasons',
      filtered: (nodes) => filterStatuses(nodes, { n3: unresolvable('node(s) had untolerated taint {a: b}') }),
      want: 'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 Insufficient cpu.',
    },
  ])('no node helps: $name', async ({ filtered, want }) => {
    const nodes = ['n1', 'n2', 'n3'].map((n) => makeNode(n, { cpu: '1' }));
    const pods = nodes.map((n) => low(n.metadata.name!, `low-${n.metadata.name}`));
    const { result } = await run(nodes, pods, preemptor({ requests: { cpu: '2' } }), { filtered: filtered(nodes) });
    expect(result).toEqual({ status: { code: 'Unschedulable', reasons: [want] }, nominatedNodeName: '' });
  });

  it('stops after enough candidates, starting at the random offset', async () => {
    const nodes = ['n1', 'n2', 'n3', 'n4'].map((n) => makeNode(n, { cpu: '1' }));
    const pods = nodes.map((n) => low(n.metadata.name!, `low-${n.metadata.name}`));
    const args = { minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 2 };
    const { handle, result } = await run(nodes, pods, preemptor(), { args, offset: 3 });
    // n4 then n1 tie on every criterion: the first found wins.
    expect(handle.filteredNodes).toEqual(['n4', 'n4', 'n1', 'n1']);
    expect(result.nominatedNodeName).toBe('n4');
  });

  it('wraps around past the last node and skips nodes without victims', async () => {
    const nodes = ['n1', 'n2', 'n3'].map((n) => makeNode(n, { cpu: '1' }));
    const pods = [onNode('n1', 'high', { priority: 50, requests: { cpu: '1' } }), low('n2', 'a'), low('n3', 'b')];
    const args = { minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 1 };
    const { result } = await run(nodes, pods, preemptor(), { args, offset: 2 });
    expect(result.nominatedNodeName).toBe('n3');
    const wrapped = await run(nodes, pods, preemptor(), { args, offset: 0 });
    expect(wrapped.result.nominatedNodeName).toBe('n2');
  });

  it("dry-runs on copies: the cycle's state and the snapshot stay as they were", async () => {
    const nodes = [makeNode('n1', { cpu: '1' })];
    const { handle, state, result } = await run(nodes, [low('n1', 'a')], preemptor());
    expect(result.nominatedNodeName).toBe('n1');
    expect(state.read<ExtensionCalls>(ExtensionCalls.KEY)).toBeUndefined();
    expect(
      handle
        .snapshot()
        .get('n1')!
        .pods.map((p) => p.pod.metadata.name),
    ).toEqual(['a']);
  });

  it('clears the nomination of lower-priority pods nominated to the chosen node, not of the others', async () => {
    const nodes = [makeNode('n1', { cpu: '1' }), makeNode('n2', { cpu: '1' })];
    const pods = [
      low('n1', 'a'),
      onNode('n2', 'b', { priority: 50, requests: { cpu: '1' } }),
      makePod('nominated-low', { priority: 5, nominatedNodeName: 'n1' }),
      makePod('nominated-high', { priority: 20, nominatedNodeName: 'n1' }),
      makePod('nominated-elsewhere', { priority: 5, nominatedNodeName: 'n2' }),
    ];
    const { handle, result } = await run(nodes, pods, preemptor());
    expect(result.nominatedNodeName).toBe('n1');
    const cleared = handle.client.actions.filter((a) => a.verb === 'patch' && a.name!.startsWith('nominated'));
    expect(cleared.map((a) => [a.name, a.subresource, a.patchType, a.patch])).toEqual([
      ['nominated-low', 'status', strategicMergePatchType, { status: { nominatedNodeName: null } }],
    ]);
    const pod = await handle.client.resource<Pod>(resources.pods).get('default', 'nominated-low');
    expect(pod.status?.nominatedNodeName).toBeUndefined();
  });

  it('a failed nomination clear is only logged', async () => {
    const nodes = [makeNode('n1', { cpu: '1' })];
    const pods = [low('n1', 'a'), makePod('nominated-low', { priority: 5, nominatedNodeName: 'n1' })];
    const { result, warnings } = await run(nodes, pods, preemptor(), {
      setup: (h) =>
        h.client.addReactor((a) => {
          if (a.name === 'nominated-low') throw StatusError.internal('etcd is down');
        }),
    });
    expect(result.nominatedNodeName).toBe('n1');
    expect(warnings).toEqual(['could not clear the nominatedNodeName of pod default/nominated-low: etcd is down']);
  });

  it('a victim already terminating is counted but not deleted again', async () => {
    const nodes = [makeNode('n1', { cpu: '2' })];
    const pods = [onNode('n1', 'going', { priority: 1, requests: { cpu: '1' }, deleting: 'byUser' }), low('n1', 'a')];
    const { handle, result } = await run(nodes, pods, preemptor({ requests: { cpu: '2' } }));
    expect(result.nominatedNodeName).toBe('n1');
    expect(deleted(handle)).toEqual(['a']);
  });

  it('a victim gone meanwhile (deleted, or its name now another pod) is no failure and gets no event', async () => {
    const nodes = [makeNode('n1', { cpu: '2' })];
    const pods = [low('n1', 'a'), low('n1', 'b')];
    const { handle, result } = await run(nodes, pods, preemptor({ requests: { cpu: '2' } }), {
      setup: (h) =>
        h.client.addReactor((a) => {
          if (a.name === 'a' && a.verb === 'patch') throw StatusError.notFound({ group: '', resource: 'pods' }, 'a');
          if (a.name === 'b' && a.verb === 'delete')
            throw StatusError.conflict(
              { group: '', resource: 'pods' },
              'b',
              'Precondition failed: UID in precondition: uid-b',
            );
        }),
    });
    expect(result).toEqual({ status: expect.objectContaining({ code: 'Success' }), nominatedNodeName: 'n1' });
    expect(handle.events).toEqual([]);
  });

  it('a failed delete fails the preemption and keeps the nomination as it is', async () => {
    const nodes = [makeNode('n1', { cpu: '1' })];
    const { result } = await run(nodes, [low('n1', 'a')], preemptor(), {
      setup: (h) =>
        h.client.addReactor((a) => {
          if (a.verb === 'delete') throw StatusError.forbidden({ group: '', resource: 'pods' }, 'a', 'no');
        }),
    });
    expect(result).toEqual({
      status: expect.objectContaining({ code: 'Error', reasons: ['preemption: pods "a" is forbidden: no'] }),
    });
  });

  it('an error in every dry run is the answer, prefixed', async () => {
    const nodes = [makeNode('n1', { cpu: '1' })];
    const { result } = await run(nodes, [low('n1', 'a')], preemptor(), {
      setup: (h) => h.failExtension({ code: 'Error', reasons: ['boom'], error: new Error('boom') }),
    });
    expect(result).toEqual({ status: expect.objectContaining({ code: 'Error', reasons: ['preemption: boom'] }) });
  });

  it('no nodes at all is an error', async () => {
    const { result } = await run([], [], preemptor(), { filtered: new Map<string, Status>() });
    expect(result.status).toMatchObject({ code: 'Error', reasons: ['preemption: no nodes available'] });
  });

  it('the cycle statuses may come from any filter: Unschedulable is what counts', async () => {
    const nodes = [makeNode('n1', { cpu: '1' })];
    const filtered = new Map([['n1', unschedulable('Too many pods')]]);
    const { result } = await run(nodes, [low('n1', 'a')], preemptor(), { filtered });
    expect(result.nominatedNodeName).toBe('n1');
  });
});
