import type { Pod } from '@kubenest/api/core/types';
import { podsToDelete, POD_DELETION_COST } from './deletion-ranking';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

interface P {
  name: string;
  node?: string;
  phase?: string;
  readyFor?: number;
  restarts?: number;
  age?: number;
  cost?: string;
  uid?: string;
}

const pod = (p: P): Pod => ({
  metadata: {
    namespace: 'ns',
    name: p.name,
    uid: p.uid ?? p.name,
    creationTimestamp: ago(p.age ?? 1000),
    ...(p.cost !== undefined ? { annotations: { [POD_DELETION_COST]: p.cost } } : {}),
  },
  spec: { containers: [], ...(p.node ? { nodeName: p.node } : {}) },
  status: {
    phase: (p.phase ?? 'Running') as 'Running',
    conditions:
      p.readyFor !== undefined
        ? [{ type: 'Ready', status: 'True', lastTransitionTime: ago(p.readyFor) }]
        : [{ type: 'Ready', status: 'False' }],
    containerStatuses: [{ restartCount: p.restarts ?? 0 } as never],
  },
});

describe('podsToDelete', () => {
  it.each<{ name: string; pods: P[]; related?: P[]; first: string }>([
    { name: 'unassigned before assigned', pods: [{ name: 'a', node: 'n1' }, { name: 'u' }], first: 'u' },
    {
      name: 'Pending before Unknown before Running',
      pods: [
        { name: 'run', node: 'n', phase: 'Running' },
        { name: 'unk', node: 'n', phase: 'Unknown' },
        { name: 'pend', node: 'n', phase: 'Pending' },
      ],
      first: 'pend',
    },
    {
      name: 'Unknown before Running',
      pods: [
        { name: 'run', node: 'n', phase: 'Running' },
        { name: 'unk', node: 'n', phase: 'Unknown' },
      ],
      first: 'unk',
    },
    {
      name: 'not ready before ready',
      pods: [
        { name: 'ready', node: 'n', readyFor: 10 },
        { name: 'not', node: 'n' },
      ],
      first: 'not',
    },
    {
      name: 'lower deletion cost first',
      pods: [
        { name: 'dear', node: 'n', cost: '100' },
        { name: 'cheap', node: 'n', cost: '-5' },
      ],
      first: 'cheap',
    },
    {
      name: 'an invalid cost counts as 0',
      pods: [
        { name: 'bad', node: 'n', cost: 'x', age: 10 },
        { name: 'neg', node: 'n', cost: '-1', age: 10 },
      ],
      first: 'neg',
    },
    {
      name: 'more related pods on the node first',
      pods: [
        { name: 'alone', node: 'n1' },
        { name: 'crowded', node: 'n2' },
      ],
      related: [
        { name: 'x', node: 'n2' },
        { name: 'y', node: 'n2' },
        { name: 'z', node: 'n1' },
      ],
      first: 'crowded',
    },
    {
      name: 'ready for less time first (different log2 bands)',
      pods: [
        { name: 'old', node: 'n', readyFor: 3600 },
        { name: 'new', node: 'n', readyFor: 10 },
      ],
      first: 'new',
    },
    {
      name: 'more restarts first',
      pods: [
        { name: 'calm', node: 'n', restarts: 0 },
        { name: 'flappy', node: 'n', restarts: 4 },
      ],
      first: 'flappy',
    },
    {
      name: 'newer first',
      pods: [
        { name: 'old', node: 'n', age: 7200 },
        { name: 'young', node: 'n', age: 60 },
      ],
      first: 'young',
    },
    {
      name: 'ages in the same log2 band: the lower uid first',
      pods: [
        { name: 'b', node: 'n', age: 1000, uid: 'uid-b' },
        { name: 'a', node: 'n', age: 1001, uid: 'uid-a' },
      ],
      first: 'a',
    },
  ])('$name', ({ pods, related, first }) => {
    const all = pods.map(pod);
    expect(podsToDelete(all, (related ?? []).map(pod), 1, NOW).map((p) => p.metadata.name)).toEqual([first]);
  });

  it('takes every pod, unsorted, when all go', () => {
    const all = [pod({ name: 'a', node: 'n' }), pod({ name: 'b' })];
    expect(podsToDelete(all, [], 5, NOW)).toEqual(all);
  });

  it('ignores related pods that are terminating', () => {
    const gone = {
      ...pod({ name: 'x', node: 'n2' }),
      metadata: { ...pod({ name: 'x' }).metadata, deletionTimestamp: ago(1) },
    };
    const all = [pod({ name: 'on1', node: 'n1', age: 50 }), pod({ name: 'on2', node: 'n2', age: 5000 })];
    expect(podsToDelete(all, [gone], 1, NOW).map((p) => p.metadata.name)).toEqual(['on1']);
  });
});
