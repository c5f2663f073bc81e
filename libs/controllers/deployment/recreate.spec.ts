import type { ReplicaSet } from '@kubenest/api/apps/types';
import type { Pod } from '@kubenest/api/core/types';
import { oldPodsRunning } from './recreate';

const set = (uid: string, podsCounted = 0): ReplicaSet => ({
  metadata: { name: uid, uid },
  spec: { replicas: 0, selector: {} },
  status: { replicas: podsCounted },
});
const pod = (phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown'): Pod => ({
  metadata: { name: 'p' },
  spec: { containers: [] },
  status: { phase },
});

describe('oldPodsRunning', () => {
  it.each([
    { name: 'an old set still counts pods', old: [set('old', 1)], pods: [], want: true },
    { name: 'no pods at all', old: [set('old')], pods: [], want: false },
    { name: 'an old pod running (terminating, say)', old: [set('old')], pods: [['old', [pod('Running')]]], want: true },
    { name: 'an old pod pending', old: [set('old')], pods: [['old', [pod('Pending')]]], want: true },
    {
      name: 'an old pod in phase Unknown may still run',
      old: [set('old')],
      pods: [['old', [pod('Unknown')]]],
      want: true,
    },
    { name: 'old pods finished', old: [set('old')], pods: [['old', [pod('Succeeded'), pod('Failed')]]], want: false },
    { name: 'only the new set’s pods run', old: [set('old')], pods: [['new', [pod('Running')]]], want: false },
  ] as { name: string; old: ReplicaSet[]; pods: [string, Pod[]][]; want: boolean }[])(
    '$name',
    ({ old, pods, want }) => {
      expect(oldPodsRunning(set('new'), old, new Map(pods))).toBe(want);
    },
  );
});
