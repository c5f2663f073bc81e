import { KubeObject, StatusError } from '@kubenest/apimachinery';
import { FakeAction, FakeResourceClient } from '@kubenest/client/testing';
import { attemptToDelete, RequeueItem } from './attempt-to-delete';
import { CollectedResource, resourceMapper } from './collected-resources';
import { OwnerReference } from './object-identity';
import { ObjectWrites, RestMappingError } from './object-writes';
import { orphanDependents } from './orphan-dependents';
import { GraphNode, OwnerGraph } from './owner-graph';

const configMaps: CollectedResource = {
  ref: { group: '', version: 'v1', resource: 'configmaps' },
  kind: 'ConfigMap',
  namespaced: true,
  storage: '/configmaps',
};
const nodes: CollectedResource = {
  ref: { group: '', version: 'v1', resource: 'nodes' },
  kind: 'Node',
  namespaced: false,
  storage: '/nodes',
};

const ref = (name: string, uid: string, extra: Partial<OwnerReference> = {}): OwnerReference => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  name,
  uid,
  ...extra,
});

interface Spec {
  name: string;
  uid?: string;
  namespace?: string;
  owners?: OwnerReference[];
  deleting?: boolean;
  finalizers?: string[];
}

const cm = (s: Spec): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: s.name,
    uid: s.uid ?? s.name,
    namespace: s.namespace ?? 'ns',
    ownerReferences: s.owners,
    finalizers: s.finalizers,
    deletionTimestamp: s.deleting ? ('2026-12-07T05:00:00Z' as never) : undefined,
  },
});

const setup = (objects: KubeObject[], graphOnly: KubeObject[] = []) => {
  const client = new FakeResourceClient();
  for (const obj of objects) client.seed(obj.kind === 'Node' ? nodes.ref : configMaps.ref, obj);
  const actions: FakeAction[] = [];
  client.addReactor((a) => {
    if (a.verb !== 'get') actions.push(a);
  });
  const enqueued: string[] = [];
  const graph = new OwnerGraph({
    attemptToDelete: (n) => enqueued.push(n.identity.name),
    attemptToOrphan: () => undefined,
    invalidNamespaceOwnerRef: () => undefined,
  });
  for (const obj of [...objects, ...graphOnly]) {
    const resource = obj.kind === 'Node' ? nodes : configMaps;
    graph.process({
      type: 'add',
      identity: {
        apiVersion: 'v1',
        kind: resource.kind,
        name: obj.metadata.name!,
        uid: obj.metadata.uid!,
        namespace: obj.metadata.namespace ?? '',
      },
      object: obj,
    });
  }
  enqueued.length = 0;
  const writes = new ObjectWrites(
    client,
    resourceMapper(() => [configMaps, nodes]),
  );
  const deps = { graph, writes, attemptToDelete: (n: GraphNode) => enqueued.push(n.identity.name) };
  const attempt = (uid: string) => attemptToDelete(deps, graph.node(uid)!);
  const done = (a: FakeAction) =>
    a.verb === 'delete'
      ? `delete ${a.name} ${a.deleteOptions?.propagationPolicy}`
      : `${a.verb} ${a.name} ${JSON.stringify((a.patch as { metadata: object }).metadata)}`;
  const stored = (name: string) =>
    client
      .resource(configMaps.ref)
      .get('ns', name)
      .catch(() => undefined);
  return { client, graph, attempt, actions, enqueued, done: () => actions.map(done), stored, writes };
};

describe('attemptToDelete', () => {
  it('an object whose only owner never existed is deleted in the background, with preconditions', async () => {
    const { attempt, actions, enqueued, graph } = setup([cm({ name: 'child', owners: [ref('ghost', 'g1')] })]);
    await attempt('g1');
    expect(graph.node('g1')).toBeUndefined();
    expect(enqueued).toEqual(['child']);
    await attempt('child');
    expect(actions).toEqual([
      expect.objectContaining({
        verb: 'delete',
        name: 'child',
        deleteOptions: {
          preconditions: { uid: 'child', resourceVersion: expect.any(String) },
          propagationPolicy: 'Background',
        },
      }),
    ]);
  });

  it('an owner recreated under its name (another UID) counts as gone', async () => {
    const { attempt, done } = setup([
      cm({ name: 'owner', uid: 'new' }),
      cm({ name: 'child', owners: [ref('owner', 'old')] }),
    ]);
    await attempt('child');
    expect(done()).toEqual(['delete child Background']);
  });

  it.each<[string, Spec, string[]]>([
    ['an orphan finalizer already on it', { name: 'child', finalizers: ['orphan'] }, ['delete child Orphan']],
    [
      'a foregroundDeletion finalizer already on it',
      { name: 'child', finalizers: ['foregroundDeletion'] },
      ['delete child Foreground'],
    ],
  ])('garbage with %s is deleted with that policy', async (_, spec, expected) => {
    const { attempt, done } = setup([cm({ ...spec, owners: [ref('ghost', 'g1')] })]);
    await attempt('child');
    expect(done()).toEqual(expected);
  });

  it('an object with one owner left loses only its reference to the one gone', async () => {
    const owners = [ref('ghost', 'g1'), ref('alive', 'a1')];
    const { attempt, done, stored } = setup([cm({ name: 'alive', uid: 'a1' }), cm({ name: 'child', owners })]);
    await attempt('child');
    expect(done()).toEqual([
      `patch child ${JSON.stringify({ ownerReferences: [owners[1]], uid: 'child', resourceVersion: '3' })}`,
    ]);
    expect((await stored('child'))!.metadata.ownerReferences).toEqual([owners[1]]);
  });

  it('an object whose owners all exist is left alone', async () => {
    const { attempt, done } = setup([cm({ name: 'owner' }), cm({ name: 'child', owners: [ref('owner', 'owner')] })]);
    await attempt('child');
    expect(done()).toEqual([]);
  });

  it('an object without owners is left alone', async () => {
    const { attempt, done } = setup([cm({ name: 'lone' })]);
    await attempt('lone');
    expect(done()).toEqual([]);
  });

  it('an object being deleted, not in the foreground, is left to finish', async () => {
    const { attempt, done } = setup([
      cm({ name: 'child', deleting: true, finalizers: ['x/y'], owners: [ref('ghost', 'g1')] }),
    ]);
    await attempt('child');
    expect(done()).toEqual([]);
  });

  describe('foreground', () => {
    const waiting = cm({ name: 'owner', deleting: true, finalizers: ['foregroundDeletion'] });

    it('a dependent of an owner deleting in the foreground is deleted; in the background when it has no dependents', async () => {
      const { attempt, done } = setup([waiting, cm({ name: 'child', owners: [ref('owner', 'owner')] })]);
      await attempt('child');
      expect(done()).toEqual(['delete child Background']);
    });

    it('one with dependents of its own is deleted in the foreground', async () => {
      const { attempt, done } = setup([
        waiting,
        cm({ name: 'child', owners: [ref('owner', 'owner')] }),
        cm({ name: 'grandchild', owners: [ref('child', 'child')] }),
      ]);
      await attempt('child');
      expect(done()).toEqual(['delete child Foreground']);
    });

    it('the owner waits while a dependent blocks it, and sends that dependent for a look', async () => {
      const blocking = cm({ name: 'child', owners: [ref('owner', 'owner', { blockOwnerDeletion: true })] });
      const free = cm({ name: 'free', owners: [ref('owner', 'owner')] });
      const { attempt, done, enqueued } = setup([waiting, blocking, free]);
      await attempt('owner');
      expect(done()).toEqual([]);
      expect(enqueued).toEqual(['child']);
    });

    it('the owner loses its foregroundDeletion finalizer once nothing blocks it', async () => {
      const { attempt, done } = setup([
        { ...waiting, metadata: { ...waiting.metadata, finalizers: ['x/y', 'foregroundDeletion'] } },
        cm({ name: 'free', owners: [ref('owner', 'owner')] }),
      ]);
      await attempt('owner');
      expect(done()).toEqual([
        `patch owner ${JSON.stringify({ finalizers: ['x/y'], uid: 'owner', resourceVersion: '2' })}`,
      ]);
    });

    it('a dependent deleting in the foreground whose own dependent does too is unblocked first (cycles end)', async () => {
      const a = cm({
        name: 'a',
        deleting: true,
        finalizers: ['foregroundDeletion'],
        owners: [ref('b', 'b', { blockOwnerDeletion: true })],
      });
      const b = cm({ name: 'b', owners: [ref('a', 'a', { blockOwnerDeletion: true })] });
      const { attempt, done } = setup([a, b]);
      await attempt('b');
      expect(done()).toEqual([
        `patch b ${JSON.stringify({ ownerReferences: [ref('a', 'a', { blockOwnerDeletion: false })], uid: 'b', resourceVersion: '3' })}`,
        'delete b Foreground',
      ]);
    });
  });

  it('a cluster-scoped object naming a namespaced owner is left alone for good', async () => {
    const node: KubeObject = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n1', uid: 'n1', ownerReferences: [ref('cm', 'x')] },
    };
    const { attempt, done } = setup([node]);
    await expect(attempt('n1')).resolves.toBeUndefined();
    expect(done()).toEqual([]);
  });

  it('a namespaced object may have a cluster-scoped owner', async () => {
    const node: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', uid: 'n1' } };
    const child = cm({ name: 'child', owners: [{ apiVersion: 'v1', kind: 'Node', name: 'n1', uid: 'n1' }] });
    const { attempt, done } = setup([node, child]);
    await attempt('child');
    expect(done()).toEqual([]);
  });

  it('an owner of a kind no resource serves is an error, looked at again later', async () => {
    const { attempt } = setup([
      cm({ name: 'child', owners: [ref('w', 'w1', { apiVersion: 'example.com/v1', kind: 'Widget' })] }),
    ]);
    await expect(attempt('child')).rejects.toBeInstanceOf(RestMappingError);
  });

  it('an owner that exists but has not been observed yet is looked at again', async () => {
    const owner = cm({ name: 'owner' });
    const { client, attempt, graph } = setup([cm({ name: 'child', owners: [ref('owner', 'owner')] })]);
    client.seed(configMaps.ref, owner);
    await expect(attempt('owner')).rejects.toBeInstanceOf(RequeueItem);
    expect(graph.node('owner')).toBeDefined();
  });

  it('a delete refused because the object changed is retried without the resourceVersion when its owners did not', async () => {
    const { client, attempt, done } = setup([cm({ name: 'child', owners: [ref('ghost', 'g1')] })]);
    let refused = false;
    client.addReactor((a) => {
      if (a.verb !== 'delete' || refused) return;
      refused = true;
      throw StatusError.conflict({ group: '', resource: 'configmaps' }, 'child', 'Precondition failed');
    });
    await attempt('child');
    expect(done()).toEqual(['delete child Background', 'delete child Background']);
  });
});

describe('orphanDependents', () => {
  it("removes the owner's reference from every dependent, then its orphan finalizer", async () => {
    const other = ref('other', 'o2');
    const { graph, done, writes, stored } = setup([
      cm({ name: 'owner', deleting: true, finalizers: ['orphan'] }),
      cm({ name: 'other', uid: 'o2' }),
      cm({ name: 'a', owners: [ref('owner', 'owner'), other] }),
      cm({ name: 'b', owners: [ref('owner', 'owner')] }),
    ]);
    await orphanDependents(writes, graph.node('owner')!);
    expect(done().sort()).toEqual([
      `patch a ${JSON.stringify({ ownerReferences: [other], uid: 'a', resourceVersion: '4' })}`,
      `patch b ${JSON.stringify({ ownerReferences: [], uid: 'b', resourceVersion: '5' })}`,
      `patch owner ${JSON.stringify({ finalizers: [], uid: 'owner', resourceVersion: '2' })}`,
    ]);
    expect(await stored('owner')).toBeUndefined();
    expect((await stored('b'))!.metadata.ownerReferences).toEqual([]);
  });

  it('keeps the finalizer when a dependent could not be orphaned', async () => {
    const { client, graph, done, writes } = setup([
      cm({ name: 'owner', deleting: true, finalizers: ['orphan'] }),
      cm({ name: 'a', owners: [ref('owner', 'owner')] }),
    ]);
    client.addReactor((a) => {
      if (a.verb === 'patch' && a.name === 'a')
        throw StatusError.forbidden({ group: '', resource: 'configmaps' }, 'a', 'no');
    });
    await expect(orphanDependents(writes, graph.node('owner')!)).rejects.toThrow(/orphaning the dependents/);
    expect(done().filter((d) => d.startsWith('patch owner'))).toEqual([]);
  });
});
