import type { ReplicaSet } from '@kubenest/api/apps/types';
import type { IntOrString } from '@kubenest/api/common/kube-types';
import { deployment } from './deployment.testing';
import { newReplicaSetSize } from './new-replica-set-size';

const set = (replicas: number): ReplicaSet => ({ metadata: { name: 'rs' }, spec: { replicas, selector: {} } });
const rolling = (replicas: number, maxSurge: IntOrString) =>
  deployment({ replicas, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable: 1 } } });

describe('newReplicaSetSize', () => {
  it.each([
    { name: 'first surge: 25% of 10 rounds up to 3', d: rolling(10, '25%'), old: 10, current: 0, want: 3 },
    { name: 'at replicas + maxSurge: stays', d: rolling(10, '25%'), old: 10, current: 3, want: 3 },
    { name: 'old ones gone: grows into the room', d: rolling(10, '25%'), old: 8, current: 3, want: 5 },
    { name: 'never past the replicas', d: rolling(10, '25%'), old: 0, current: 8, want: 10 },
    { name: '10% of 3 rounds up to 1', d: rolling(3, '10%'), old: 3, current: 0, want: 1 },
    { name: 'int surge', d: rolling(5, 2), old: 5, current: 0, want: 2 },
    { name: 'no surge: only as old ones go', d: rolling(10, 0), old: 10, current: 0, want: 0 },
    { name: 'no surge, one old gone', d: rolling(10, 0), old: 9, current: 0, want: 1 },
    {
      name: 'Recreate: the replicas at once',
      d: deployment({ replicas: 4, strategy: { type: 'Recreate' } }),
      old: 0,
      current: 0,
      want: 4,
    },
  ])('$name', ({ d, old, current, want }) => {
    const newRS = set(current);
    expect(newReplicaSetSize(d, [set(old), newRS], newRS)).toBe(want);
  });
});
