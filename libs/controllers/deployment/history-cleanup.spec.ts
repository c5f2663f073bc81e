import type { ReplicaSet } from '@kubenest/api/apps/types';
import { replicaSetsBeyondHistory } from './history-cleanup';

const old = (
  name: string,
  revision: number,
  more: { replicas?: number; pods?: number; unseen?: boolean; deleting?: boolean } = {},
): ReplicaSet => ({
  metadata: {
    name,
    generation: more.unseen ? 2 : 1,
    annotations: { 'deployment.kubernetes.io/revision': String(revision) },
    ...(more.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
  },
  spec: { replicas: more.replicas ?? 0, selector: {} },
  status: { replicas: more.pods ?? 0, observedGeneration: 1 },
});

describe('replicaSetsBeyondHistory', () => {
  it.each([
    { name: 'within the limit', sets: [old('a', 1), old('b', 2)], limit: 2, want: [] },
    {
      name: 'the lowest revisions go first',
      sets: [old('c', 3), old('a', 1), old('b', 2)],
      limit: 1,
      want: ['a', 'b'],
    },
    { name: 'limit 0 removes every old set', sets: [old('a', 1), old('b', 2)], limit: 0, want: ['a', 'b'] },
    {
      name: 'a set still asking for replicas stays',
      sets: [old('a', 1, { replicas: 1 }), old('b', 2)],
      limit: 1,
      want: [],
    },
    { name: 'a set still with pods stays', sets: [old('a', 1, { pods: 1 }), old('b', 2)], limit: 1, want: [] },
    {
      name: 'a set whose spec its loop has not seen stays',
      sets: [old('a', 1, { unseen: true }), old('b', 2)],
      limit: 1,
      want: [],
    },
    {
      name: 'sets being deleted neither count nor go',
      sets: [old('a', 1, { deleting: true }), old('b', 2), old('c', 3)],
      limit: 1,
      want: ['b'],
    },
    { name: 'no limit', sets: [old('a', 1)], limit: undefined, want: [] },
  ])('$name', ({ sets, limit, want }) => {
    expect(replicaSetsBeyondHistory(sets, limit).map((rs) => rs.metadata.name)).toEqual(want);
  });
});
