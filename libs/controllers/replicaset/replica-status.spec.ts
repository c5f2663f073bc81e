import type { ReplicaSet } from '@kubenest/api/apps/types';
import type { Pod } from '@kubenest/api/core/types';
import { calculateStatus, REPLICA_FAILURE, statusChanged } from './replica-status';

const NOW = new Date('2026-01-01T12:00:00Z');
const ago = (s: number) => new Date(NOW.getTime() - s * 1000).toISOString();

const rs = (over: { replicas?: number; minReadySeconds?: number; conditions?: unknown[] } = {}): ReplicaSet => ({
  metadata: { namespace: 'ns', name: 'rs', generation: 2 },
  spec: {
    replicas: over.replicas ?? 3,
    minReadySeconds: over.minReadySeconds ?? 0,
    selector: { matchLabels: { app: 'a' } },
    template: { metadata: { labels: { app: 'a', tier: 'web' } } },
  },
  status: { replicas: 0, ...(over.conditions ? { conditions: over.conditions as never } : {}) },
});

const pod = (labels: Record<string, string>, readyFor?: number): Pod => ({
  metadata: { namespace: 'ns', name: 'p', labels },
  status:
    readyFor === undefined
      ? {}
      : { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: ago(readyFor) }] },
});

const full = { app: 'a', tier: 'web' };

describe('calculateStatus', () => {
  it.each([
    { name: 'no pods', pods: [], minReady: 0, want: [0, 0, 0, 0] },
    { name: 'fully labelled or not', pods: [pod(full), pod({ app: 'a' })], minReady: 0, want: [2, 1, 0, 0] },
    { name: 'ready is available without minReadySeconds', pods: [pod(full, 0)], minReady: 0, want: [1, 1, 1, 1] },
    { name: 'ready but not long enough', pods: [pod(full, 5)], minReady: 10, want: [1, 1, 1, 0] },
    { name: 'ready long enough', pods: [pod(full, 11)], minReady: 10, want: [1, 1, 1, 1] },
  ])('$name', ({ pods, minReady, want }) => {
    const s = calculateStatus(rs({ minReadySeconds: minReady }), pods, undefined, NOW);
    expect([s.replicas, s.fullyLabeledReplicas, s.readyReplicas, s.availableReplicas]).toEqual(want);
  });

  it.each([
    { name: 'too few pods: FailedCreate', replicas: 3, pods: 1, reason: 'FailedCreate' },
    { name: 'too many pods: FailedDelete', replicas: 0, pods: 1, reason: 'FailedDelete' },
  ])('a failure sets ReplicaFailure: $name', ({ replicas, pods, reason }) => {
    const s = calculateStatus(rs({ replicas }), Array(pods).fill(pod(full)), new Error('quota exceeded'), NOW);
    expect(s.conditions).toEqual([
      {
        type: REPLICA_FAILURE,
        status: 'True',
        reason,
        message: 'quota exceeded',
        lastTransitionTime: '2026-01-01T12:00:00Z',
      },
    ]);
  });

  it('keeps an existing ReplicaFailure while failing, drops it once a sync works', () => {
    const held = [{ type: REPLICA_FAILURE, status: 'True', reason: 'FailedCreate', message: 'first' }];
    expect(calculateStatus(rs({ conditions: held }), [], new Error('second'), NOW).conditions).toEqual(held);
    expect(calculateStatus(rs({ conditions: held }), [], undefined, NOW).conditions).toBeUndefined();
  });
});

describe('statusChanged', () => {
  const synced = (): ReplicaSet => ({
    ...rs(),
    status: { replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 2 },
  });
  it.each([
    { name: 'nothing new', status: {}, generation: 2, want: false },
    { name: 'a new generation', status: {}, generation: 3, want: true },
    { name: 'one more ready', status: { readyReplicas: 2 }, generation: 2, want: true },
    { name: 'a condition', status: { conditions: [{ type: 'X', status: 'True' }] }, generation: 2, want: true },
  ])('$name: $want', ({ status, generation, want }) => {
    const r = synced();
    r.metadata.generation = generation;
    expect(statusChanged(r, { ...r.status!, ...status })).toBe(want);
  });
});
