// Whole syncs of a Deployment on the fake cluster: what kubectl users see (ReplicaSet names and
// labels, revisions, events, conditions) through creation, rollout, rollback, restart, pause,
// history limits, deadlines, Recreate, collisions, adoption and release.
import type { ReplicaSet } from '@kubenest/api/apps/types';
import type { Pod } from '@kubenest/api/core/types';
import { deployment, FakeCluster, template } from './deployment.testing';
import { getCondition } from './deployment-conditions';
import { computeHash } from './pod-template-hash';

const run = async (cluster: FakeCluster, passes = 5, unavailable?: Set<string>) => {
  for (let i = 0; i < passes; i++) {
    await cluster.sync();
    cluster.runReplicaSets(unavailable);
    cluster.tick();
  }
};

const revision = (rs: ReplicaSet | undefined) => rs?.metadata.annotations?.['deployment.kubernetes.io/revision'];

describe('syncDeployment', () => {
  it('creates the first ReplicaSet as kube names and labels it, and says so', async () => {
    const cluster = new FakeCluster(deployment());
    await cluster.sync();
    const hash = computeHash(template('v1'));
    const rs = cluster.sets.get(`web-${hash}`)!;
    expect(rs.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.spec?.selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } });
    expect(rs.spec?.template?.metadata?.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.spec?.replicas).toBe(3);
    expect(rs.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'web',
        uid: 'uid-web',
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(rs.metadata.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    expect(cluster.events).toEqual([
      { type: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled up replica set web-${hash} from 0 to 3` },
    ]);
    expect(cluster.d.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
    expect(getCondition(cluster.d.status, 'Progressing')).toMatchObject({
      status: 'True',
      reason: 'NewReplicaSetCreated',
      message: `Created new replica set "web-${hash}"`,
    });
  });

  it('reports a finished rollout as kube does', async () => {
    const cluster = new FakeCluster(deployment());
    await run(cluster);
    const name = cluster.setOf('v1')!.metadata.name;
    expect(cluster.d.status).toEqual({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      conditions: [
        expect.objectContaining({
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        }),
        expect.objectContaining({
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${name}" has successfully progressed.`,
        }),
      ],
    });
  });

  it('says a rollout is progressing, moving lastUpdateTime but not lastTransitionTime', async () => {
    const cluster = new FakeCluster(deployment({ replicas: 4 }));
    await run(cluster);
    cluster.edit((spec) => (spec.template = template('v2')));
    await cluster.sync();
    cluster.runReplicaSets();
    cluster.tick(5);
    await cluster.sync();
    const first = getCondition(cluster.d.status, 'Progressing')!;
    expect(first).toMatchObject({
      reason: 'ReplicaSetUpdated',
      message: `ReplicaSet "${cluster.setOf('v2')!.metadata.name}" is progressing.`,
    });
    cluster.runReplicaSets();
    cluster.tick(5);
    await cluster.sync();
    const second = getCondition(cluster.d.status, 'Progressing')!;
    expect(second.reason).toBe('ReplicaSetUpdated');
    expect(Date.parse(second.lastUpdateTime!)).toBeGreaterThan(Date.parse(first.lastUpdateTime!));
    expect(second.lastTransitionTime).toBe(first.lastTransitionTime);
  });

  it('rolls back to an old ReplicaSet, giving it the next revision and keeping its former one', async () => {
    const cluster = new FakeCluster(deployment());
    await run(cluster);
    cluster.edit((spec) => (spec.template = template('v2')));
    await run(cluster, 10);
    expect([revision(cluster.setOf('v1')), revision(cluster.setOf('v2'))]).toEqual(['1', '2']);
    // kubectl rollout undo copies the old set's template (without its hash label) into the Deployment.
    cluster.edit((spec) => (spec.template = template('v1')));
    await run(cluster, 10);
    expect(cluster.list()).toHaveLength(2);
    expect(cluster.sizes()).toEqual({ v1: 3, v2: 0 });
    expect(cluster.setOf('v1')!.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '3',
      'deployment.kubernetes.io/revision-history': '1',
    });
    expect(cluster.d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
  });

  it('makes a new ReplicaSet for kubectl rollout restart, and copies change-cause onto it', async () => {
    const cluster = new FakeCluster(deployment());
    await run(cluster);
    cluster.d.metadata.annotations = { ...cluster.d.metadata.annotations, 'kubernetes.io/change-cause': 'restart' };
    cluster.edit((spec) => {
      spec.template = {
        ...template('v1'),
        metadata: {
          ...template('v1').metadata,
          annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' },
        },
      };
    });
    await run(cluster, 10);
    expect(cluster.list()).toHaveLength(2);
    const restarted = cluster.list().find((rs) => rs.spec?.template?.metadata?.annotations)!;
    expect(restarted.spec?.replicas).toBe(3);
    expect(restarted.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '2',
      'kubernetes.io/change-cause': 'restart',
    });
  });

  it('does not roll a paused Deployment but still scales it, and reports the pause and the resume', async () => {
    const cluster = new FakeCluster(deployment());
    await run(cluster);
    cluster.edit((spec) => {
      spec.paused = true;
      spec.template = template('v2');
    });
    await run(cluster);
    expect(cluster.sizes()).toEqual({ v1: 3 });
    expect(getCondition(cluster.d.status, 'Progressing')).toMatchObject({
      status: 'Unknown',
      reason: 'DeploymentPaused',
      message: 'Deployment is paused',
    });
    cluster.edit((spec) => (spec.replicas = 5));
    await run(cluster);
    expect(cluster.sizes()).toEqual({ v1: 5 });
    cluster.edit((spec) => (spec.paused = false));
    await cluster.sync();
    expect(cluster.list()).toHaveLength(2);
    await run(cluster, 15);
    expect(cluster.sizes()).toEqual({ v1: 0, v2: 5 });
    expect(getCondition(cluster.d.status, 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
  });

  it('keeps revisionHistoryLimit old ReplicaSets, deleting the oldest revisions once scaled down', async () => {
    const cluster = new FakeCluster(deployment({ revisionHistoryLimit: 1 }));
    await run(cluster);
    for (const image of ['v2', 'v3', 'v4']) {
      cluster.edit((spec) => (spec.template = template(image)));
      await run(cluster, 12);
    }
    expect(cluster.sizes()).toEqual({ v3: 0, v4: 3 });
  });

  it('reports ProgressDeadlineExceeded once no progress was made for progressDeadlineSeconds, and comes back at the deadline', async () => {
    const cluster = new FakeCluster(deployment({ progressDeadlineSeconds: 60 }));
    await run(cluster);
    cluster.edit((spec) => (spec.template = template('v2')));
    await cluster.sync();
    const stuck = new Set([cluster.setOf('v2')!.metadata.name!]);
    await run(cluster, 3, stuck);
    const result = await cluster.sync();
    expect(result.requeueAfterMs).toBeGreaterThan(50_000);
    expect(result.requeueAfterMs).toBeLessThanOrEqual(61_000);
    cluster.tick(61);
    await cluster.sync();
    expect(getCondition(cluster.d.status, 'Progressing')).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${cluster.setOf('v2')!.metadata.name}" has timed out progressing.`,
    });
    expect(await cluster.sync()).toEqual({});
  });

  describe('Recreate', () => {
    const recreate = () => new FakeCluster(deployment({ strategy: { type: 'Recreate' } }));
    const pod = (rs: ReplicaSet, phase: 'Running' | 'Succeeded'): Pod => ({
      metadata: {
        name: `${rs.metadata.name}-x`,
        labels: { app: 'web' },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: rs.metadata.name!,
            uid: rs.metadata.uid!,
            controller: true,
          },
        ],
      },
      spec: { containers: [] },
      status: { phase },
    });

    it('takes the old pods down and waits until they are gone before creating the new ReplicaSet', async () => {
      const cluster = recreate();
      await run(cluster);
      const old = cluster.setOf('v1')!;
      cluster.pods.push(pod(old, 'Running'));
      cluster.edit((spec) => (spec.template = template('v2')));
      await cluster.sync();
      expect(cluster.sizes()).toEqual({ v1: 0 });
      cluster.runReplicaSets();
      // The set says no pods, but one is still terminating.
      expect(await cluster.sync()).toEqual({ requeueAfterMs: 1000 });
      expect(cluster.list()).toHaveLength(1);
      cluster.pods[0] = pod(old, 'Succeeded');
      await cluster.sync();
      expect(cluster.sizes()).toEqual({ v1: 0, v2: 3 });
    });
  });

  it('bumps collisionCount when another ReplicaSet has the name, and uses another name next time', async () => {
    const cluster = new FakeCluster(deployment());
    const taken = `web-${computeHash(template('v1'))}`;
    await cluster.createReplicaSet({
      metadata: { name: taken, namespace: 'ns', labels: { other: 'x' } },
      spec: { replicas: 0, selector: { matchLabels: { other: 'x' } }, template: template('other', { other: 'x' }) },
    });
    await expect(cluster.sync()).rejects.toThrow('already exists');
    expect(cluster.d.status?.collisionCount).toBe(1);
    await cluster.sync();
    expect(cluster.sets.has(`web-${computeHash(template('v1'), 1)}`)).toBe(true);
  });

  it('adopts an orphan ReplicaSet its selector matches and releases one it no longer matches', async () => {
    const cluster = new FakeCluster(deployment());
    await cluster.createReplicaSet({
      metadata: { name: 'orphan', namespace: 'ns', labels: { app: 'web' } },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: template('v1') },
    });
    await cluster.createReplicaSet({
      metadata: {
        name: 'stray',
        namespace: 'ns',
        labels: { app: 'db' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'uid-web', controller: true }],
      },
      spec: { replicas: 0, selector: { matchLabels: { app: 'db' } }, template: template('db') },
    });
    await cluster.sync();
    expect(cluster.sets.get('orphan')!.metadata.ownerReferences?.[0]).toMatchObject({
      uid: 'uid-web',
      controller: true,
    });
    expect(cluster.sets.get('stray')!.metadata.ownerReferences).toEqual([]);
    // The adopted set has the Deployment's template: it is the new set, none is created.
    expect(cluster.list()).toHaveLength(2);
    expect(revision(cluster.sets.get('orphan'))).toBe('1');
  });

  it('warns about a selector that selects everything and does nothing else', async () => {
    const cluster = new FakeCluster(deployment({ selector: {} }));
    cluster.d.metadata.generation = 2;
    await cluster.sync();
    expect(cluster.events).toEqual([
      {
        type: 'Warning',
        reason: 'SelectingAll',
        message: 'This deployment is selecting all pods. A non-empty selector is required.',
      },
    ]);
    expect(cluster.list()).toHaveLength(0);
    expect(cluster.d.status?.observedGeneration).toBe(2);
  });

  it('only reports status for a Deployment being deleted', async () => {
    const cluster = new FakeCluster(deployment());
    await run(cluster);
    cluster.d.metadata.deletionTimestamp = '2026-01-01T00:01:00Z';
    cluster.edit((spec) => (spec.template = template('v2')));
    await cluster.sync();
    expect(cluster.list()).toHaveLength(1);
    expect(cluster.d.status?.observedGeneration).toBe(2);
  });
});
