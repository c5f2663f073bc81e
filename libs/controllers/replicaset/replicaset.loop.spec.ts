// The two loops through the real registry, authorization and admission on a FakeStore: replicas
// kept, adoption and release, the status written, the RC as the ReplicaSet.
import type { ReplicaSet } from '@kubenest/api/apps/types';
import type { Pod, ReplicationController } from '@kubenest/api/core/types';
import { KubeObject } from '@kubenest/apimachinery';
import { resources, ResourceRef } from '@kubenest/client';
// The harness first: it loads the kit's index, which this folder is part of.
import { startTestControlPlane, TestControlPlane } from '@kubenest/testing/test-control-plane';
import { replicaSetLoop, replicationControllerLoop } from '@kubenest/controllers';

const template = (app: string) => ({
  metadata: { labels: { app } },
  spec: { containers: [{ name: 'c', image: 'busybox' }] },
});

const replicaSet = (name: string, replicas: number): ReplicaSet => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { namespace: 'default', name },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: template(name) },
});

const eventually = async (check: () => Promise<boolean>, what: string): Promise<void> => {
  const deadline = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('replicaset and replicationcontroller loops', () => {
  let plane: TestControlPlane;
  const pods = () => plane.admin.resource<Pod>(resources.pods);
  const podsOf = async (app: string) =>
    (await pods().list('default', { labelSelector: `app=${app}` })).items.filter((p) => !p.metadata.deletionTimestamp);
  const ownedBy = (pod: Pod) => pod.metadata.ownerReferences?.find((r) => r.controller);
  const statusOf = async <T extends KubeObject>(ref: ResourceRef, name: string) =>
    (await plane.admin.resource<T>(ref).get('default', name)).status as {
      replicas?: number;
      observedGeneration?: number;
    };

  beforeAll(async () => {
    plane = await startTestControlPlane({ loops: [replicaSetLoop(), replicationControllerLoop()] });
  });
  afterAll(() => plane.stop());

  it('creates the replicas, owned and named after the ReplicaSet, and reports them', async () => {
    const rs = await plane.admin.resource<ReplicaSet>(resources.replicaSets).create(replicaSet('web', 3));
    await eventually(async () => (await podsOf('web')).length === 3, '3 pods');
    await eventually(async () => (await statusOf(resources.replicaSets, 'web')).replicas === 3, 'status 3');
    for (const pod of await podsOf('web')) {
      expect(pod.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
      expect(ownedBy(pod)).toEqual({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: 'web',
        uid: rs.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      });
    }
    expect(await statusOf(resources.replicaSets, 'web')).toMatchObject({ observedGeneration: 1 });
  });

  it('deletes the surplus when scaled down and replaces a deleted pod', async () => {
    const rss = plane.admin.resource<ReplicaSet>(resources.replicaSets);
    const rs = await rss.get('default', 'web');
    await rss.update({ ...rs, spec: { ...rs.spec!, replicas: 2 } });
    await eventually(async () => (await podsOf('web')).length === 2, '2 pods');
    const [victim] = await podsOf('web');
    await pods().delete('default', victim.metadata.name!);
    await eventually(async () => {
      const left = await podsOf('web');
      return left.length === 2 && !left.some((p) => p.metadata.uid === victim.metadata.uid);
    }, 'a replacement');
  });

  it('adopts a matching orphan instead of creating, and releases a pod relabelled away', async () => {
    await pods().create({
      metadata: { namespace: 'default', name: 'orphan', labels: { app: 'adopt' } },
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
    } as Pod);
    const rs = await plane.admin.resource<ReplicaSet>(resources.replicaSets).create(replicaSet('adopt', 1));
    await eventually(async () => ownedBy(await pods().get('default', 'orphan'))?.uid === rs.metadata.uid, 'adoption');
    expect((await podsOf('adopt')).map((p) => p.metadata.name)).toEqual(['orphan']);

    await pods().patch('default', 'orphan', 'application/merge-patch+json', { metadata: { labels: { app: 'gone' } } });
    await eventually(async () => !ownedBy(await pods().get('default', 'orphan')), 'release');
    await eventually(async () => (await podsOf('adopt')).length === 1, 'a new pod for the one released');
  });

  it('hears of an orphan appearing after it and adopts it (then deletes the surplus)', async () => {
    const rs = await plane.admin.resource<ReplicaSet>(resources.replicaSets).create(replicaSet('late', 1));
    await eventually(async () => (await podsOf('late')).length === 1, 'its pod');
    await pods().create({
      metadata: { namespace: 'default', name: 'late-orphan', labels: { app: 'late' } },
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
    } as Pod);
    await eventually(async () => {
      const left = await podsOf('late');
      return left.length === 1 && left.every((p) => ownedBy(p)?.uid === rs.metadata.uid);
    }, 'one pod, owned');
  });

  it('keeps a ReplicationController the same way', async () => {
    const rc = await plane.admin.resource<ReplicationController>(resources.replicationControllers).create({
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { namespace: 'default', name: 'legacy' },
      spec: { replicas: 2, template: template('legacy') },
    });
    expect(rc.spec?.selector).toEqual({ app: 'legacy' });
    await eventually(async () => (await podsOf('legacy')).length === 2, '2 pods');
    expect((await podsOf('legacy')).map((p) => ownedBy(p)?.kind)).toEqual([
      'ReplicationController',
      'ReplicationController',
    ]);
    await eventually(
      async () => (await statusOf(resources.replicationControllers, 'legacy')).replicas === 2,
      'rc status',
    );
  });
});
