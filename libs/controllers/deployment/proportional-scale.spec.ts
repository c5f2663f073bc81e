import type { ReplicaSet } from '@kubenest/api/apps/types';
import type { IntOrString } from '@kubenest/api/common/kube-types';
import { deployment, FakeCluster, template } from './deployment.testing';
import { findActiveOrLatest, isSaturated, proportionalSizes } from './proportional-scale';

const set = (name: string, replicas: number, maxReplicas?: number, createdSecond = 0): ReplicaSet => ({
  metadata: {
    name,
    uid: name,
    creationTimestamp: `2026-01-01T00:00:0${createdSecond}Z`,
    annotations: maxReplicas === undefined ? {} : { 'deployment.kubernetes.io/max-replicas': String(maxReplicas) },
  },
  spec: { replicas, selector: {} },
});

const rolling = (replicas: number, maxSurge: IntOrString, statusReplicas?: number) => {
  const d = deployment({
    replicas,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable: 0 } },
  });
  if (statusReplicas !== undefined) d.status = { replicas: statusReplicas };
  return d;
};

describe('proportionalSizes', () => {
  it.each([
    {
      name: 'scaled 10 → 20 mid-rollout: each set grows in proportion',
      d: rolling(20, '25%'),
      sets: [set('old', 8, 13, 1), set('new', 5, 13, 2)],
      want: { old: 15, new: 10 },
    },
    {
      name: 'scaled 10 → 5 mid-rollout: each set shrinks in proportion',
      d: rolling(5, '25%'),
      sets: [set('old', 8, 13, 1), set('new', 5, 13, 2)],
      want: { old: 4, new: 3 },
    },
    {
      name: 'scaled to 0: every set goes to 0',
      d: rolling(0, '25%'),
      sets: [set('old', 8, 13, 1), set('new', 5, 13, 2)],
      want: { old: 0, new: 0 },
    },
    {
      name: 'rounding leftovers go to the largest (the newest of equals when growing)',
      d: rolling(4, 0),
      sets: [set('a', 1, 3, 1), set('b', 1, 3, 2), set('c', 1, 3, 3)],
      want: { a: 1, b: 1, c: 2 },
    },
    {
      name: 'rounding leftovers taken from the largest (the oldest of equals when shrinking)',
      d: rolling(2, 0),
      sets: [set('a', 1, 3, 1), set('b', 1, 3, 2), set('c', 1, 3, 3)],
      want: { a: 0, b: 1, c: 1 },
    },
    {
      name: 'no max-replicas annotation: the Deployment’s current replicas stand in',
      d: rolling(6, 0, 3),
      sets: [set('old', 2, undefined, 1), set('new', 1, undefined, 2)],
      want: { old: 4, new: 2 },
    },
    {
      name: 'sets at 0 stay out',
      d: rolling(20, 0),
      sets: [set('gone', 0, 10, 0), set('old', 5, 10, 1), set('new', 5, 10, 2)],
      want: { old: 10, new: 10 },
    },
  ])('$name', ({ d, sets, want }) => {
    const sizes = Object.fromEntries(proportionalSizes(d, sets).map(([rs, size]) => [rs.metadata.name, size]));
    expect(sizes).toEqual(want);
  });
});

describe('findActiveOrLatest', () => {
  it.each([
    { name: 'nothing', newRS: undefined, old: [], want: undefined },
    { name: 'only the new one active', newRS: set('new', 3, 3, 2), old: [set('old', 0, 3, 1)], want: 'new' },
    { name: 'only an old one active', newRS: set('new', 0, 3, 2), old: [set('old', 3, 3, 1)], want: 'old' },
    { name: 'none active: the new one', newRS: set('new', 0, 3, 2), old: [set('old', 0, 3, 1)], want: 'new' },
    {
      name: 'none active, no new one: the newest old one',
      newRS: undefined,
      old: [set('a', 0, 3, 1), set('b', 0, 3, 2)],
      want: 'b',
    },
    { name: 'two active: none', newRS: set('new', 1, 3, 2), old: [set('old', 2, 3, 1)], want: undefined },
  ])('$name', ({ newRS, old, want }) => {
    expect(findActiveOrLatest(newRS, old)?.metadata.name).toBe(want);
  });
});

describe('isSaturated', () => {
  const full = (replicas: number, desired: string, available: number): ReplicaSet => ({
    metadata: { name: 'new', annotations: { 'deployment.kubernetes.io/desired-replicas': desired } },
    spec: { replicas, selector: {} },
    status: { replicas, availableReplicas: available },
  });
  it.each([
    { name: 'sized, annotated and available', rs: full(3, '3', 3), want: true },
    { name: 'not all available', rs: full(3, '3', 2), want: false },
    { name: 'annotated for another size', rs: full(3, '2', 3), want: false },
    { name: 'no set', rs: undefined, want: false },
  ])('$name', ({ rs, want }) => {
    expect(isSaturated(deployment({ replicas: 3 }), rs)).toBe(want);
  });
});

describe('scaling a Deployment mid-rollout', () => {
  it('resizes both sets in proportion, with their annotations, and says so in events', async () => {
    const cluster = new FakeCluster(
      deployment({
        replicas: 10,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 0 } },
      }),
    );
    for (let i = 0; i < 3; i++) {
      await cluster.sync();
      cluster.runReplicaSets();
    }
    cluster.edit((spec) => (spec.template = template('v2')));
    await cluster.sync();
    expect(cluster.sizes()).toEqual({ v1: 10, v2: 3 });
    cluster.runReplicaSets();
    cluster.edit((spec) => (spec.replicas = 20));
    await cluster.sync();
    // 13 pods sized for 10 + 3 become 23 for 20 + 3: 10 × 23/13 ≈ 18, 3 × 23/13 ≈ 5.
    expect(cluster.sizes()).toEqual({ v1: 18, v2: 5 });
    for (const rs of cluster.list()) {
      expect(rs.metadata.annotations).toMatchObject({
        'deployment.kubernetes.io/desired-replicas': '20',
        'deployment.kubernetes.io/max-replicas': '23',
      });
    }
    const v1 = cluster.setOf('v1')!.metadata.name;
    expect(cluster.events.map((e) => e.message)).toContain(`Scaled up replica set ${v1} from 10 to 18`);
  });
});
