// Rolling updates run pass by pass on the fake cluster: the arithmetic of maxSurge and
// maxUnavailable (ints and percentages, rounded as kube rounds them) holds at every pass, and
// every rollout finishes.
import type { IntOrString } from '@kubenest/api/common/kube-types';
import { deployment, FakeCluster, template } from './deployment.testing';
import { resolveFenceposts } from './fenceposts';
import { specReplicas } from './replica-set-counts';

const settle = async (cluster: FakeCluster, passes = 100): Promise<void> => {
  for (let i = 0; i < passes; i++) {
    await cluster.sync();
    cluster.runReplicaSets();
    cluster.tick();
  }
};

const rollingCluster = (replicas: number, maxSurge: IntOrString, maxUnavailable: IntOrString) =>
  new FakeCluster(
    deployment({ replicas, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } } }),
  );

const totals = (cluster: FakeCluster) => {
  const sets = cluster.list();
  return {
    asked: sets.reduce((n, rs) => n + specReplicas(rs), 0),
    pods: sets.reduce((n, rs) => n + (rs.status?.replicas ?? 0), 0),
    available: sets.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0),
  };
};

describe('a rolling update', () => {
  const combos: [number, IntOrString, IntOrString][] = [];
  for (const replicas of [1, 3, 10])
    for (const surge of [0, 1, '25%', '100%', '0%'])
      for (const unavailable of [0, 2, '25%', '30%', '100%'])
        if (!((surge === 0 || surge === '0%') && (unavailable === 0 || unavailable === '0%')))
          combos.push([replicas, surge, unavailable]);

  it.each(combos)(
    'of %p replicas, maxSurge %p, maxUnavailable %p keeps within bounds and completes',
    async (replicas, surge, unavailable) => {
      const cluster = rollingCluster(replicas, surge, unavailable);
      await settle(cluster, 5);
      expect(cluster.sizes()).toEqual({ v1: replicas });
      const [maxSurge, maxUnavailable] = resolveFenceposts(surge, unavailable, replicas);
      cluster.edit((spec) => (spec.template = template('v2')));
      for (let pass = 0; pass < 100; pass++) {
        await cluster.sync();
        expect(totals(cluster).asked).toBeLessThanOrEqual(replicas + maxSurge);
        cluster.runReplicaSets();
        expect(totals(cluster).pods).toBeLessThanOrEqual(replicas + maxSurge);
        expect(totals(cluster).available).toBeGreaterThanOrEqual(replicas - Math.min(maxUnavailable, replicas));
        cluster.tick();
      }
      expect(cluster.sizes()).toEqual({ v1: 0, v2: replicas });
      expect(cluster.d.status).toMatchObject({ replicas, updatedReplicas: replicas, availableReplicas: replicas });
    },
  );

  it('of 10 at 25%/25% surges by 3 and then takes down 2 old replicas at a time, as kube', async () => {
    const cluster = rollingCluster(10, '25%', '25%');
    await settle(cluster, 3);
    cluster.edit((spec) => (spec.template = template('v2')));
    const seen: Record<string, number>[] = [];
    for (let pass = 0; pass < 12; pass++) {
      await cluster.sync();
      seen.push(cluster.sizes());
      cluster.runReplicaSets();
    }
    // The first pass creates the new set at 3 and, 13 - 8 - 3 new unavailable leaving 2, takes 2 old ones.
    expect(seen.slice(0, 8)).toEqual([
      { v1: 8, v2: 3 },
      { v1: 8, v2: 5 },
      { v1: 5, v2: 5 },
      { v1: 5, v2: 8 },
      { v1: 3, v2: 8 },
      { v1: 3, v2: 10 },
      { v1: 0, v2: 10 },
      { v1: 0, v2: 10 },
    ]);
  });

  it('takes away an old pod that is not available even below the minimum available (it serves nothing)', async () => {
    const cluster = rollingCluster(4, 0, 1);
    await settle(cluster, 3);
    // Two old pods stop being available (crash-looping, say).
    const old = cluster.setOf('v1')!;
    old.status = { replicas: 4, availableReplicas: 2, readyReplicas: 2 };
    cluster.edit((spec) => (spec.template = template('v2')));
    await cluster.sync();
    // No surge: 4 pods - 3 to keep available leaves 1 to take, and it is one of those not available.
    expect(cluster.sizes()).toEqual({ v1: 3, v2: 0 });
    expect(cluster.events.map((e) => e.message)).toContain(`Scaled down replica set ${old.metadata.name} from 4 to 3`);
    await cluster.sync();
    // The pod taken leaves room for a new one; the 2 available old ones stay.
    expect(cluster.sizes()).toEqual({ v1: 3, v2: 1 });
  });
});
