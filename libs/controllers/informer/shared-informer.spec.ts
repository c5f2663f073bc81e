import { KubeObject } from '@kubenest/apimachinery';
import { resources } from '@kubenest/client';
import { FakeResourceClient } from '@kubenest/client/testing';
import { InformerFactory } from './informer-factory';
import { SharedInformer } from './shared-informer';

const pod = (name: string, labels?: Record<string, string>): KubeObject => ({
  metadata: { name, namespace: 'default', labels },
  spec: {},
});

/** Lets promise chains (the fake's deliveries, the informer's loop) run; setImmediate is not faked here. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

const recorder = (informer: SharedInformer) => {
  const seen: string[] = [];
  const name = (o: KubeObject) => `${o.metadata.name}@${o.metadata.resourceVersion}`;
  informer.addEventHandler({
    add: (o) => seen.push(`add ${name(o)}`),
    update: (old, o) => seen.push(`update ${name(old)}->${name(o)}`),
    delete: (o, unknown) => seen.push(`delete ${name(o)}${unknown ? ' (final state unknown)' : ''}`),
  });
  return seen;
};

describe('SharedInformer', () => {
  let client: FakeResourceClient;
  let informer: SharedInformer;
  beforeEach(() => {
    client = new FakeResourceClient();
    informer = new SharedInformer(client.resource(resources.pods), { backoff: { baseMs: 10, maxMs: 10 } });
  });
  afterEach(() => informer.stop());

  it('lists, syncs, then delivers add, update(old, new) and delete from the watch', async () => {
    client.seed(resources.pods, pod('a'));
    const seen = recorder(informer);
    expect(informer.hasSynced()).toBe(false);
    informer.run();
    await informer.waitForSync();
    expect(informer.hasSynced()).toBe(true);
    const pods = client.resource(resources.pods);
    await pods.create(pod('b'));
    const a = await pods.get('default', 'a');
    await pods.update({ ...a, spec: { nodeName: 'n1' } });
    await pods.delete('default', 'b');
    await settle();
    expect(seen).toEqual(['add a@2', 'add b@3', 'update a@2->a@4', 'delete b@5']);
    expect(informer.lastSyncResourceVersion).toBe('5');
  });

  it('relists after an expired watch: what changed meanwhile, deletes as final state unknown', async () => {
    client.seed(resources.pods, pod('a'), pod('b'));
    const seen = recorder(informer);
    informer.run();
    await informer.waitForSync();
    await settle();
    const pods = client.resource(resources.pods);
    const b = informer.lister.get('default', 'b')!;
    // The server ends the watch and sends nothing more; these changes are only seen by the relist.
    client.endWatches('expired');
    void pods.delete('default', 'a');
    void pods.update({ ...b, metadata: { ...b.metadata, labels: { x: 'y' } } });
    void pods.create(pod('c'));
    await settle();
    expect(seen).toEqual(['add a@2', 'add b@3', 'update b@3->b@5', 'add c@6', 'delete a@2 (final state unknown)']);
    await pods.delete('default', 'c');
    await settle();
    expect(seen.at(-1)).toBe('delete c@7');
    expect(client.actions.filter((a) => a.verb === 'list')).toHaveLength(2);
  });

  it('resumes a closed watch from the last resourceVersion seen, without a relist', async () => {
    client.seed(resources.pods, pod('a'));
    const seen = recorder(informer);
    informer.run();
    await informer.waitForSync();
    await client.resource(resources.pods).create(pod('b'));
    await settle();
    client.endWatches('closed');
    await settle();
    await client.resource(resources.pods).create(pod('c'));
    await settle();
    expect(seen).toEqual(['add a@2', 'add b@3', 'add c@4']);
    expect(client.actions.filter((a) => a.verb !== 'create').map((a) => a.verb)).toEqual(['list', 'watch', 'watch']);
  });

  it('a handler added after start is given the objects already held; one that throws stops no one', async () => {
    client.seed(resources.pods, pod('a'));
    informer.addEventHandler({
      add: () => {
        throw new Error('handler bug');
      },
    });
    informer.run();
    await informer.waitForSync();
    const late = recorder(informer);
    await client.resource(resources.pods).create(pod('b'));
    await settle();
    expect(late).toEqual(['add a@2', 'add b@3']);
  });

  it('keeps an object in its indices as it changes', async () => {
    const owned = (name: string, ownerUid: string, nodeName?: string): KubeObject => ({
      metadata: {
        name,
        namespace: 'default',
        labels: { app: name },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: ownerUid, controller: true }],
      },
      spec: { nodeName },
    });
    const { byNodeName, byOwnerUid, NODE_NAME_INDEX, OWNER_UID_INDEX } = await import('./index-functions');
    informer.addIndexers({
      [OWNER_UID_INDEX]: byOwnerUid,
      [NODE_NAME_INDEX]: byNodeName,
      first: (o) => [o.metadata.name!.slice(0, 1)],
    });
    client.seed(resources.pods, owned('a1', 'u1', 'n1'), owned('a2', 'u1'), owned('b1', 'u2', 'n1'));
    informer.run();
    await informer.waitForSync();
    const names = (objs: KubeObject[]) => objs.map((o) => o.metadata.name).sort();
    expect(names(informer.lister.byIndex(OWNER_UID_INDEX, 'u1'))).toEqual(['a1', 'a2']);
    expect(names(informer.lister.byIndex(NODE_NAME_INDEX, 'n1'))).toEqual(['a1', 'b1']);
    expect(names(informer.lister.byIndex('first', 'b'))).toEqual(['b1']);
    const a2 = informer.lister.getByKey('default/a2')!;
    await client.resource(resources.pods).update({ ...a2, spec: { nodeName: 'n1' } });
    await settle();
    expect(names(informer.lister.byIndex(NODE_NAME_INDEX, 'n1'))).toEqual(['a1', 'a2', 'b1']);
    expect(names(informer.lister.list({ namespace: 'default' }))).toEqual(['a1', 'a2', 'b1']);
    expect(names(informer.lister.list({ namespace: 'other' }))).toEqual([]);
    const { parseLabelSelector } = await import('@kubenest/apimachinery/selectors');
    expect(names(informer.lister.list({ selector: parseLabelSelector('app in (a1,b1)') }))).toEqual(['a1', 'b1']);
  });

  it('relists when the watch sends a 410 ERROR event, and stops watching when stopped', async () => {
    client.seed(resources.pods, pod('a'));
    const pods = client.resource(resources.pods);
    let watches = 0;
    const resource = {
      ...pods,
      watch: (...args: Parameters<typeof pods.watch>) => {
        const w = pods.watch(...args);
        if (watches++ === 0)
          void Promise.resolve().then(() => args[2]({ type: 'ERROR', object: { code: 410 } as never }));
        return w;
      },
    };
    informer = new SharedInformer(resource, { backoff: { baseMs: 10, maxMs: 10 } });
    informer.run();
    await settle();
    expect(client.actions.map((a) => a.verb)).toEqual(['list', 'watch', 'list', 'watch']);
    expect(client.openWatches).toBe(1);
    informer.stop();
    expect(client.openWatches).toBe(0);
  });

  it('relists when a 410 ERROR event comes before watch() has returned', async () => {
    client.seed(resources.pods, pod('a'));
    const pods = client.resource(resources.pods);
    let watches = 0;
    const resource = {
      ...pods,
      watch: (...args: Parameters<typeof pods.watch>) => {
        const w = pods.watch(...args);
        if (watches++ === 0) args[2]({ type: 'ERROR', object: { code: 410 } as never });
        return w;
      },
    };
    informer = new SharedInformer(resource, { backoff: { baseMs: 10, maxMs: 10 } });
    informer.run();
    await settle();
    expect(client.actions.map((a) => a.verb)).toEqual(['list', 'watch', 'list', 'watch']);
    expect(client.openWatches).toBe(1);
  });

  it('answers waitForSync with false when stopped before the first list', async () => {
    const pods = client.resource(resources.pods);
    informer = new SharedInformer({ ...pods, list: () => new Promise(() => {}) });
    informer.run();
    const synced = informer.waitForSync();
    informer.stop();
    await expect(synced).resolves.toBe(false);
    expect(informer.hasSynced()).toBe(false);
  });

  it('answers waitForSync with true once synced, and still true after a stop', async () => {
    informer.run();
    await expect(informer.waitForSync()).resolves.toBe(true);
    informer.stop();
    await expect(informer.waitForSync()).resolves.toBe(true);
  });

  it('watches only its scope', async () => {
    informer = new SharedInformer(client.resource(resources.pods), { labelSelector: 'app=web' });
    const seen = recorder(informer);
    client.seed(resources.pods, pod('a', { app: 'web' }), pod('b', { app: 'db' }));
    informer.run();
    await informer.waitForSync();
    await client.resource(resources.pods).create(pod('c', { app: 'db' }));
    await settle();
    expect(seen).toEqual(['add a@2']);
  });
});

describe('SharedInformer on a fake clock', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('retries a failing list with backoff, then syncs', async () => {
    const client = new FakeResourceClient();
    const at: number[] = [];
    client.addReactor((a) => {
      if (a.verb !== 'list') return;
      at.push(Date.now());
      if (at.length < 3) throw new Error('unavailable');
    });
    const informer = new SharedInformer(client.resource(resources.pods), { backoff: { baseMs: 100, maxMs: 1000 } });
    informer.run();
    await jest.advanceTimersByTimeAsync(1000);
    expect(informer.hasSynced()).toBe(true);
    expect(at).toEqual([0, 100, 300]);
    informer.stop();
  });

  it('resumes failed watches with backoff', async () => {
    const client = new FakeResourceClient();
    const informer = new SharedInformer(client.resource(resources.pods), { backoff: { baseMs: 100, maxMs: 1000 } });
    informer.run();
    await jest.advanceTimersByTimeAsync(0);
    const watchesAt: number[] = [];
    client.addReactor((a) => a.verb === 'watch' && watchesAt.push(Date.now()));
    for (let i = 0; i < 3; i++) {
      client.endWatches('failed');
      await jest.advanceTimersByTimeAsync(1000);
    }
    // Ended at 0, 1000 and 2000: each failure in a row doubles the wait.
    expect(watchesAt).toEqual([100, 1200, 2400]);
    informer.stop();
  });

  it('resyncs: every object as update(obj, obj) each period', async () => {
    const client = new FakeResourceClient();
    client.seed(resources.pods, pod('a'));
    const informer = new SharedInformer(client.resource(resources.pods), { resyncPeriodMs: 30_000 });
    const seen = recorder(informer);
    informer.run();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(seen).toEqual(['add a@2', 'update a@2->a@2', 'update a@2->a@2']);
    informer.stop();
  });
});

describe('InformerFactory', () => {
  it('hands two loops asking for the same resource and scope one informer', async () => {
    const client = new FakeResourceClient();
    const factory = new InformerFactory(client);
    const a = factory.informerFor(resources.pods);
    expect(factory.informerFor(resources.pods)).toBe(a);
    expect(factory.informerFor(resources.pods, { fieldSelector: 'spec.nodeName=n1' })).not.toBe(a);
    expect(factory.informerFor(resources.nodes)).not.toBe(a);
    factory.start();
    await factory.waitForSync();
    const late = factory.informerFor(resources.secrets);
    await late.waitForSync();
    expect(client.actions.filter((x) => x.verb === 'list')).toHaveLength(4);
    factory.stop();
  });
});
