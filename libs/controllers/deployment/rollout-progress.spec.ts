// The status kube's calculateStatus and syncRolloutStatus compute: counts, Available, Progressing
// (its reasons, messages and times), ReplicaFailure, and when a stuck rollout is looked at again.
import type { Deployment, ReplicaSet } from '@kubenest/api/apps/types';
import { deployment } from './deployment.testing';
import { DeploymentCondition, getCondition, newCondition, setCondition } from './deployment-conditions';
import { calculateStatus } from './deployment-status';
import { progressRecheckMs, rolloutStatus } from './rollout-progress';

const NOW = new Date('2026-01-01T00:10:00Z');
const EARLIER = '2026-01-01T00:00:00Z';

const rs = (name: string, replicas: number, status: NonNullable<ReplicaSet['status']>): ReplicaSet => ({
  metadata: { name },
  spec: { replicas, selector: {} },
  status,
});

const progressing = (reason: string, status = 'True', at = EARLIER): DeploymentCondition => ({
  type: 'Progressing',
  status,
  reason,
  message: 'before',
  lastUpdateTime: at,
  lastTransitionTime: at,
});

const withStatus = (d: Deployment, status: NonNullable<Deployment['status']>): Deployment => ({ ...d, status });

describe('calculateStatus', () => {
  const d = deployment({ replicas: 10 });
  it.each([
    {
      name: 'mid-rollout',
      sets: [
        rs('old', 8, { replicas: 8, readyReplicas: 8, availableReplicas: 8 }),
        rs('new', 5, { replicas: 5, readyReplicas: 3, availableReplicas: 2 }),
      ],
      want: {
        replicas: 13,
        updatedReplicas: 5,
        readyReplicas: 11,
        availableReplicas: 10,
        unavailableReplicas: 3,
        available: 'True',
      },
    },
    {
      name: 'below replicas - maxUnavailable (25% of 10 rounds down to 2)',
      sets: [rs('new', 10, { replicas: 10, readyReplicas: 7, availableReplicas: 7 })],
      want: {
        replicas: 10,
        updatedReplicas: 10,
        readyReplicas: 7,
        availableReplicas: 7,
        unavailableReplicas: 3,
        available: 'False',
      },
    },
    {
      name: 'scaling down: more available than asked is no replica missing',
      sets: [rs('new', 5, { replicas: 10, readyReplicas: 10, availableReplicas: 10 })],
      want: {
        replicas: 10,
        updatedReplicas: 10,
        readyReplicas: 10,
        availableReplicas: 10,
        unavailableReplicas: 0,
        available: 'True',
      },
    },
  ])('$name', ({ sets, want }) => {
    const status = calculateStatus(d, sets, sets[sets.length - 1], NOW);
    const { available, ...counts } = want;
    // Zero counts are left out, as Go's omitempty leaves them out.
    const shown = Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0));
    expect(status).toMatchObject({ ...shown, observedGeneration: 1 });
    if (counts.unavailableReplicas === 0) expect(status).not.toHaveProperty('unavailableReplicas');
    expect(getCondition(status, 'Available')).toMatchObject(
      available === 'True'
        ? { status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }
        : {
            status: 'False',
            reason: 'MinimumReplicasUnavailable',
            message: 'Deployment does not have minimum availability.',
          },
    );
  });

  it('keeps collisionCount and leaves zero counts out, as Go’s omitempty', () => {
    const status = calculateStatus(withStatus(deployment({ replicas: 0 }), { collisionCount: 2 }), [], undefined, NOW);
    expect(status).toEqual({
      observedGeneration: 1,
      collisionCount: 2,
      conditions: [expect.objectContaining({ type: 'Available' })],
    });
  });
});

describe('setCondition', () => {
  it.each([
    {
      name: 'same status and reason: untouched',
      next: newCondition('Progressing', 'True', 'R', 'new', NOW),
      keepsTransition: true,
      changes: false,
    },
    {
      name: 'same status, another reason: transition time kept',
      next: newCondition('Progressing', 'True', 'Other', 'new', NOW),
      keepsTransition: true,
      changes: true,
    },
    {
      name: 'another status: transition time moves',
      next: newCondition('Progressing', 'False', 'R', 'new', NOW),
      keepsTransition: false,
      changes: true,
    },
  ])('$name', ({ next, keepsTransition, changes }) => {
    const status = { conditions: [progressing('R'), { type: 'Available', status: 'True' }] };
    setCondition(status, next);
    const written = getCondition(status, 'Progressing')!;
    expect(written.lastTransitionTime === EARLIER).toBe(keepsTransition);
    expect(written.message === 'new').toBe(changes);
    // A condition written goes last, as kube appends it.
    if (changes) expect(status.conditions.map((c) => c.type)).toEqual(['Available', 'Progressing']);
  });
});

describe('rolloutStatus: Progressing', () => {
  const newRS = rs('web-abc', 3, { replicas: 3, readyReplicas: 3, availableReplicas: 3 });
  const half = rs('web-abc', 3, { replicas: 3, readyReplicas: 1, availableReplicas: 1 });
  const old = (n: number) => rs('web-old', n, { replicas: n, readyReplicas: n, availableReplicas: n });
  const before = (condition: DeploymentCondition, counts: NonNullable<Deployment['status']> = {}) =>
    withStatus(deployment(), { ...counts, conditions: [condition] });

  it.each([
    {
      name: 'complete',
      d: before(progressing('ReplicaSetUpdated')),
      sets: [newRS],
      want: {
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        message: 'ReplicaSet "web-abc" has successfully progressed.',
        lastUpdateTime: '2026-01-01T00:10:00Z',
      },
    },
    {
      name: 'progress made: lastUpdateTime moves, lastTransitionTime stays',
      d: before(progressing('ReplicaSetUpdated'), {
        replicas: 3,
        updatedReplicas: 3,
        readyReplicas: 0,
        availableReplicas: 0,
      }),
      sets: [half],
      want: {
        status: 'True',
        reason: 'ReplicaSetUpdated',
        message: 'ReplicaSet "web-abc" is progressing.',
        lastUpdateTime: '2026-01-01T00:10:00Z',
        lastTransitionTime: EARLIER,
      },
    },
    {
      name: 'progress made after a timeout: a new transition',
      d: before(progressing('ProgressDeadlineExceeded', 'False'), { replicas: 5, updatedReplicas: 3 }),
      sets: [old(1), half],
      want: { status: 'True', reason: 'ReplicaSetUpdated', lastTransitionTime: '2026-01-01T00:10:00Z' },
    },
    {
      name: 'no progress past the deadline',
      d: before(progressing('ReplicaSetUpdated', 'True', '2026-01-01T00:00:00Z'), {
        replicas: 3,
        updatedReplicas: 3,
        readyReplicas: 1,
        availableReplicas: 1,
      }),
      sets: [half],
      want: {
        status: 'False',
        reason: 'ProgressDeadlineExceeded',
        message: 'ReplicaSet "web-abc" has timed out progressing.',
      },
      deadline: 300,
    },
    {
      name: 'no progress within the deadline: unchanged',
      d: before(progressing('ReplicaSetUpdated'), {
        replicas: 3,
        updatedReplicas: 3,
        readyReplicas: 1,
        availableReplicas: 1,
      }),
      sets: [half],
      want: { reason: 'ReplicaSetUpdated', message: 'before', lastUpdateTime: EARLIER },
    },
    {
      name: 'already complete and nothing new: a resync estimates nothing',
      d: before(progressing('NewReplicaSetAvailable'), {
        replicas: 3,
        updatedReplicas: 3,
        readyReplicas: 3,
        availableReplicas: 3,
      }),
      sets: [half],
      want: { reason: 'NewReplicaSetAvailable', message: 'before' },
    },
    {
      name: 'no new ReplicaSet: the Deployment is named',
      d: before(progressing('FoundNewReplicaSet'), { replicas: 4 }),
      sets: [old(3)],
      want: { reason: 'ReplicaSetUpdated', message: 'Deployment "web" is progressing.' },
      noNew: true,
    },
  ])('$name', ({ d, sets, want, deadline, noNew }) => {
    const dd = deadline ? { ...d, spec: { ...d.spec!, progressDeadlineSeconds: deadline } } : d;
    const status = rolloutStatus(dd, sets, noNew ? undefined : sets[sets.length - 1], NOW);
    expect(getCondition(status, 'Progressing')).toMatchObject(want);
  });

  it('has no Progressing condition without a progress deadline', () => {
    const d = before(progressing('ReplicaSetUpdated'));
    d.spec!.progressDeadlineSeconds = 2 ** 31 - 1;
    expect(getCondition(rolloutStatus(d, [newRS], newRS, NOW), 'Progressing')).toBeUndefined();
  });

  it('shows the new ReplicaSet’s ReplicaFailure before an old one’s, and drops it once gone', () => {
    const failure = (message: string) => ({
      type: 'ReplicaFailure',
      status: 'True',
      reason: 'FailedCreate',
      message,
      lastTransitionTime: EARLIER,
    });
    const failingNew = { ...half, status: { ...half.status!, conditions: [failure('quota (new)')] } };
    const failingOld = { ...old(1), status: { ...old(1).status!, conditions: [failure('quota (old)')] } };
    const d = before(progressing('ReplicaSetUpdated'));
    expect(getCondition(rolloutStatus(d, [failingOld, failingNew], failingNew, NOW), 'ReplicaFailure')).toEqual({
      ...failure('quota (new)'),
      lastUpdateTime: EARLIER,
    });
    expect(getCondition(rolloutStatus(d, [failingOld, half], half, NOW), 'ReplicaFailure')?.message).toBe(
      'quota (old)',
    );
    const had = withStatus(deployment(), { conditions: [{ ...failure('x'), lastUpdateTime: EARLIER }] });
    expect(getCondition(rolloutStatus(had, [newRS], newRS, NOW), 'ReplicaFailure')).toBeUndefined();
  });
});

describe('progressRecheckMs', () => {
  const stuck = { replicas: 3, updatedReplicas: 3, availableReplicas: 1 };
  it.each([
    {
      name: '10 min deadline, last progress 3 min ago: 7 min and a second',
      at: '2026-01-01T00:07:00Z',
      reason: 'ReplicaSetUpdated',
      status: stuck,
      want: 7 * 60_000 + 1000,
    },
    {
      name: 'deadline just passed: a second from now',
      at: '2026-01-01T00:00:00Z',
      reason: 'ReplicaSetUpdated',
      status: stuck,
      want: 1000,
    },
    {
      name: 'timed out already: never',
      at: '2026-01-01T00:07:00Z',
      reason: 'ProgressDeadlineExceeded',
      status: stuck,
      want: undefined,
    },
    {
      name: 'complete: never',
      at: '2026-01-01T00:07:00Z',
      reason: 'ReplicaSetUpdated',
      status: { ...stuck, availableReplicas: 3, observedGeneration: 1 },
      want: undefined,
    },
  ])('$name', ({ at, reason, status, want }) => {
    const d = withStatus(deployment(), { conditions: [progressing(reason, 'True', at)] });
    expect(progressRecheckMs(d, status, NOW)).toBe(want);
  });

  it('never without a Progressing condition', () => {
    expect(progressRecheckMs(deployment(), {}, NOW)).toBeUndefined();
  });
});
