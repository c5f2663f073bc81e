import { KubeObject, StatusError } from '@kubenest/apimachinery';
import { WatchEnd, WatchEvent } from '../resource-client';
import { resources } from '../resources';
import { FakeResourceClient } from './fake-resource-client';

const pod = (name: string, extra: Partial<KubeObject> = {}, labels?: Record<string, string>): KubeObject => ({
  metadata: { name, namespace: 'default', labels },
  spec: { nodeName: 'n1' },
  ...extra,
});

const atVersion = (resourceVersion: string): KubeObject => ({
  ...pod('a'),
  metadata: { ...pod('a').metadata, resourceVersion },
});

const flush = () => new Promise((r) => setImmediate(r));

const statusOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return StatusError.is(e) ? `${e.code} ${e.reason}` : String(e);
  }
};

describe('FakeResourceClient', () => {
  it('starts at revision 1; each write takes the next revision as its resourceVersion', async () => {
    const client = new FakeResourceClient();
    expect(client.revision).toBe(1);
    const pods = client.resource(resources.pods);
    const a = await pods.create(pod('a'));
    const b = await pods.create(pod('b'));
    expect([a.metadata.resourceVersion, b.metadata.resourceVersion, client.revision]).toEqual(['2', '3', 3]);
    expect(a.metadata.uid).toBeTruthy();
    expect((await pods.list('default')).metadata.resourceVersion).toBe('3');
  });

  it.each([
    {
      name: 'create of an existing name',
      act: (c: FakeResourceClient) => c.resource(resources.pods).create(pod('a')),
      want: '409 AlreadyExists',
    },
    {
      name: 'get of a missing object',
      act: (c: FakeResourceClient) => c.resource(resources.pods).get('default', 'x'),
      want: '404 NotFound',
    },
    {
      name: 'update with a stale resourceVersion',
      act: (c: FakeResourceClient) => c.resource(resources.pods).update(atVersion('1')),
      want: '409 Conflict',
    },
    {
      name: 'update with the current resourceVersion',
      act: (c: FakeResourceClient) => c.resource(resources.pods).update(atVersion('2')),
      want: 'ok',
    },
    {
      name: 'delete with a stale precondition',
      act: (c: FakeResourceClient) =>
        c.resource(resources.pods).delete('default', 'a', { preconditions: { resourceVersion: '1' } }),
      want: '409 Conflict',
    },
    {
      name: 'delete of a missing object',
      act: (c: FakeResourceClient) => c.resource(resources.pods).delete('default', 'x'),
      want: '404 NotFound',
    },
  ])('$name: $want', async ({ act, want }) => {
    const client = new FakeResourceClient();
    client.seed(resources.pods, pod('a'));
    expect(await statusOf(act(client))).toBe(want);
  });

  it('lists by namespace, label and field selector', async () => {
    const client = new FakeResourceClient();
    client.seed(resources.pods, pod('a', {}, { app: 'web' }), pod('b', { spec: { nodeName: 'n2' } }, { app: 'web' }), {
      ...pod('c', {}, { app: 'db' }),
      metadata: { name: 'c', namespace: 'other', labels: { app: 'db' } },
    });
    const names = async (ns: string | undefined, o: { labelSelector?: string; fieldSelector?: string }) =>
      (await client.resource(resources.pods).list(ns, o)).items.map((p) => p.metadata.name);
    expect(await names(undefined, {})).toEqual(['a', 'b', 'c']);
    expect(await names('default', {})).toEqual(['a', 'b']);
    expect(await names(undefined, { labelSelector: 'app=web' })).toEqual(['a', 'b']);
    expect(await names(undefined, { fieldSelector: 'spec.nodeName=n2' })).toEqual(['b']);
    expect(await names(undefined, { fieldSelector: 'metadata.namespace!=default' })).toEqual(['c']);
  });

  it('watches from a revision: every later change in order, selector transitions as ADDED/DELETED', async () => {
    const client = new FakeResourceClient();
    const pods = client.resource(resources.pods);
    const a = await pods.create(pod('a', {}, { app: 'web' }));
    const seen: string[] = [];
    const w = pods.watch(
      'default',
      { resourceVersion: a.metadata.resourceVersion, labelSelector: 'app=web' },
      (e: WatchEvent) =>
        seen.push(
          `${e.type} ${(e.object as KubeObject).metadata.name} ${(e.object as KubeObject).metadata.resourceVersion}`,
        ),
    );
    await pods.create(pod('b', {}, { app: 'web' }));
    await pods.create(pod('c', {}, { app: 'db' }));
    const b = await pods.get('default', 'b');
    await pods.update({ ...b, metadata: { ...b.metadata, labels: { app: 'db' } } });
    await pods.delete('default', 'a');
    await flush();
    w.stop();
    expect(seen).toEqual(['ADDED b 3', 'DELETED b 5', 'DELETED a 6']);
    expect(await w.done).toBe('stopped');
    expect(client.openWatches).toBe(0);
  });

  it('a watch from 0 starts with the current objects as ADDED', async () => {
    const client = new FakeResourceClient();
    client.seed(resources.pods, pod('a'));
    const seen: string[] = [];
    client
      .resource(resources.pods)
      .watch(undefined, {}, (e) => seen.push(`${e.type} ${(e.object as KubeObject).metadata.name}`));
    await flush();
    expect(seen).toEqual(['ADDED a']);
  });

  it.each<{ end: Exclude<WatchEnd, 'stopped'> }>([{ end: 'closed' }, { end: 'expired' }, { end: 'failed' }])(
    'a test ends watches as $end, after what was already sent',
    async ({ end }) => {
      const client = new FakeResourceClient();
      const seen: string[] = [];
      const w = client.resource(resources.pods).watch(undefined, { resourceVersion: '1' }, (e) => seen.push(e.type));
      await client.resource(resources.pods).create(pod('a'));
      client.endWatches(end);
      expect(await w.done).toBe(end);
      expect(seen).toEqual(['ADDED']);
    },
  );

  it('a watch from a compacted revision is expired', async () => {
    const client = new FakeResourceClient();
    client.seed(resources.pods, pod('a'), pod('b'));
    client.compact();
    const w = client.resource(resources.pods).watch(undefined, { resourceVersion: '2' }, () => undefined);
    expect(await w.done).toBe('expired');
  });

  it('an object with finalizers is only marked for deletion; removing the last finalizer deletes it', async () => {
    const client = new FakeResourceClient();
    const pods = client.resource(resources.pods);
    await pods.create({ ...pod('a'), metadata: { name: 'a', namespace: 'default', finalizers: ['x'] } });
    const marked = (await pods.delete('default', 'a')) as KubeObject;
    expect(marked.metadata.deletionTimestamp).toBeTruthy();
    await pods.update({ ...marked, metadata: { ...marked.metadata, finalizers: [] } });
    expect(await statusOf(pods.get('default', 'a'))).toBe('404 NotFound');
  });

  it('update keeps status and updateStatus keeps the rest; a spec change bumps generation', async () => {
    const client = new FakeResourceClient();
    const pods = client.resource(resources.pods);
    const a = await pods.create({ ...pod('a'), status: { phase: 'Pending' } });
    const withStatus = await pods.updateStatus({ ...a, spec: { nodeName: 'ignored' }, status: { phase: 'Running' } });
    expect([withStatus.spec, withStatus.status, withStatus.metadata.generation]).toEqual([
      { nodeName: 'n1' },
      { phase: 'Running' },
      1,
    ]);
    const updated = await pods.update({ ...withStatus, spec: { nodeName: 'n2' }, status: { phase: 'Failed' } });
    expect([updated.spec, updated.status, updated.metadata.generation]).toEqual([
      { nodeName: 'n2' },
      { phase: 'Running' },
      2,
    ]);
  });

  it('patches with a merge patch and records actions; a reactor can fail a call', async () => {
    const client = new FakeResourceClient();
    client.seed(resources.pods, pod('a'));
    const patched = await client
      .resource(resources.pods)
      .patch('default', 'a', 'application/merge-patch+json', { metadata: { labels: { x: 'y' } } });
    expect(patched.metadata.labels).toEqual({ x: 'y' });
    client.addReactor((a) => {
      if (a.verb === 'create') throw StatusError.internal('boom');
    });
    expect(await statusOf(client.resource(resources.pods).create(pod('b')))).toBe('500 InternalError');
    expect(client.actions.map((a) => a.verb)).toEqual(['patch', 'create']);
  });
});
