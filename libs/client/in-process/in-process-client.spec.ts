// The in-process ResourceClient: every call authorized as an HTTP request from the same identity
// would be (verb, group, resource, subresource, namespace, name), admitted as that user, served
// by the registry's ResourceHandler, and answered with the caller's own copies.
import { Logger } from '@nestjs/common';
import { KubeObject, StatusError } from '@kubenest/apimachinery';
import { applyFieldValidation } from '@kubenest/api/openapi';
import { configMapStrategy } from '@kubenest/api/core/configmap/configmap.strategy';
import { podStrategy } from '@kubenest/api/core/pod/pod.strategy';
import { AuthorizationAttributes, Authorizer } from '@kubenest/auth';
import {
  AdmissionAttributes,
  AdmissionChain,
  ResourceHandler,
  ResourceRegistry,
  ResourceStores,
  Strategy,
} from '@kubenest/registry';
import { FakeStore } from '@kubenest/registry/cache/testing/fake-store';
import { resources } from '../resources';
import { WatchEvent } from '../resource-client';
import { InProcessClient } from './in-process-client';

const pod = (name: string, extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'ns' },
  spec: { containers: [{ name: 'c', image: 'busybox' }] },
  ...extra,
});

const configMap = (name: string, data: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'ns' },
  data,
});

/** Allows everything but what `denied` says, recording what it was asked. */
class RecordingAuthorizer implements Authorizer {
  readonly asked: AuthorizationAttributes[] = [];
  constructor(private readonly denied: (a: AuthorizationAttributes) => boolean = () => false) {}
  async authorize(a: AuthorizationAttributes) {
    this.asked.push(a);
    return this.denied(a) ? { allowed: false, reason: 'not in this test' } : { allowed: true, reason: '' };
  }
}

const started: ResourceStores[] = [];

/** `before` writes through the stores before their caches load (their watch windows start after it). */
const setup = async (
  denied?: (a: AuthorizationAttributes) => boolean,
  before: (stores: ResourceStores, store: FakeStore) => Promise<void> = async () => undefined,
) => {
  const admitted: AdmissionAttributes[] = [];
  const admission = new AdmissionChain([{ name: 'Seen', admit: async (a) => void admitted.push(a) }]);
  const registry = new ResourceRegistry([podStrategy, configMapStrategy] as Strategy[]);
  const store = new FakeStore();
  const stores = new ResourceStores(registry, store, admission);
  await before(stores, store);
  await stores.start();
  started.push(stores);
  const authorizer = new RecordingAuthorizer(denied);
  const deps = { registry, stores, handler: new ResourceHandler(applyFieldValidation), authorizer };
  const user = { name: 'system:serviceaccount:kube-system:tester', groups: ['system:serviceaccounts'] };
  const client = new InProcessClient(deps, user);
  const admin = new InProcessClient({ ...deps, authorizer: new RecordingAuthorizer() }, { name: 'admin', groups: [] });
  return { client, admin, authorizer, admitted, user, store, stores };
};

const statusOf = (p: Promise<unknown>): Promise<StatusError> =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as StatusError,
  );

describe('InProcessClient', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterEach(() => started.splice(0).forEach((s) => s.stop()));

  it.each([
    {
      name: 'get',
      call: (c: InProcessClient) => c.resource(resources.configMaps).get('ns', 'a'),
      want: { verb: 'get', resource: 'configmaps', subresource: '', namespace: 'ns', name: 'a' },
    },
    {
      name: 'list by name',
      call: (c: InProcessClient) => c.resource(resources.configMaps).list('ns', { fieldSelector: 'metadata.name=a' }),
      want: { verb: 'list', resource: 'configmaps', namespace: 'ns', name: 'a' },
    },
    {
      name: 'create',
      call: (c: InProcessClient) => c.resource(resources.configMaps).create(configMap('b')),
      want: { verb: 'create', resource: 'configmaps', namespace: 'ns', name: '' },
    },
    {
      name: 'updateStatus',
      call: (c: InProcessClient) => c.resource(resources.pods).updateStatus(pod('p')),
      want: { verb: 'update', resource: 'pods', subresource: 'status', namespace: 'ns', name: 'p' },
    },
    {
      name: 'patch',
      call: (c: InProcessClient) =>
        c.resource(resources.configMaps).patch('ns', 'a', 'application/merge-patch+json', { data: { k: 'v' } }),
      want: { verb: 'patch', resource: 'configmaps', namespace: 'ns', name: 'a' },
    },
    {
      name: 'delete',
      call: (c: InProcessClient) => c.resource(resources.configMaps).delete('ns', 'a'),
      want: { verb: 'delete', resource: 'configmaps', namespace: 'ns', name: 'a' },
    },
    {
      name: 'binding',
      call: (c: InProcessClient) =>
        c.resource(resources.pods).createSubresource('ns', 'p', 'binding', {
          metadata: { name: 'p' },
          target: { name: 'n1' },
        } as KubeObject),
      want: { verb: 'create', resource: 'pods', subresource: 'binding', namespace: 'ns', name: 'p' },
    },
  ])('asks the Authorizer what an HTTP $name would', async ({ call, want }) => {
    const { client, admin, authorizer, user } = await setup();
    await admin.resource(resources.configMaps).create(configMap('a'));
    await admin.resource(resources.pods).create(pod('p'));
    await call(client);
    expect(authorizer.asked).toEqual([expect.objectContaining({ user, apiGroup: '', subresource: '', ...want })]);
  });

  it('a write by an identity the Authorizer denies fails with 403 and changes nothing', async () => {
    const { client, admin, store, admitted } = await setup((a) => a.verb !== 'get');
    await admin.resource(resources.configMaps).create(configMap('a', { k: 'v' }));
    const revision = await store.currentRevision();
    admitted.length = 0;
    const configMaps = client.resource(resources.configMaps);
    const refusals = await Promise.all([
      statusOf(configMaps.create(configMap('b'))),
      statusOf(configMaps.update(configMap('a', { k: 'changed' }))),
      statusOf(configMaps.patch('ns', 'a', 'application/merge-patch+json', { data: { k: 'patched' } })),
      statusOf(configMaps.delete('ns', 'a')),
    ]);
    expect(refusals.map((e) => e.code)).toEqual([403, 403, 403, 403]);
    expect(refusals[0].message).toBe(
      'configmaps is forbidden: User "system:serviceaccount:kube-system:tester" cannot create resource "configmaps" in API group "" in the namespace "ns": not in this test',
    );
    expect(await store.currentRevision()).toBe(revision);
    expect(admitted).toEqual([]);
    expect((await configMaps.get('ns', 'a')).data).toEqual({ k: 'v' });
  });

  it('a dry-run write changes nothing', async () => {
    const { client, store } = await setup();
    const configMaps = client.resource(resources.configMaps);
    await configMaps.create(configMap('a', { k: 'v' }));
    const revision = await store.currentRevision();
    const created = await configMaps.create(configMap('b'), { dryRun: true });
    const patched = await configMaps.patch(
      'ns',
      'a',
      'application/merge-patch+json',
      { data: { k: 'x' } },
      { dryRun: true },
    );
    await configMaps.delete('ns', 'a', { dryRun: true });
    expect(created.metadata.uid).toBeDefined();
    expect(patched.data).toEqual({ k: 'x' });
    expect(await store.currentRevision()).toBe(revision);
    expect((await configMaps.list('ns')).items.map((c) => [c.metadata.name, c.data])).toEqual([['a', { k: 'v' }]]);
  });

  it('admits its writes as its identity', async () => {
    const { client, admitted, user } = await setup();
    await client.resource(resources.configMaps).create(configMap('a'));
    expect(admitted).toEqual([expect.objectContaining({ operation: 'CREATE', user })]);
  });

  it('returns private copies, and leaves the objects it was given as they were', async () => {
    const { client } = await setup();
    const configMaps = client.resource<KubeObject & { data?: Record<string, string> }>(resources.configMaps);
    const input = configMap('a', { k: 'v' });
    const sent = structuredClone(input);
    const created = await configMaps.create(input);
    expect(input).toEqual(sent);
    created.data!.k = 'mutated';
    const listed = await configMaps.list('ns');
    listed.items[0].data!.k = 'mutated';
    expect((await configMaps.list('ns')).items[0].data).toEqual({ k: 'v' });
    expect((await configMaps.get('ns', 'a')).data).toEqual({ k: 'v' });
  });

  it('validates options as an HTTP request would', async () => {
    const { client } = await setup();
    const e = await statusOf(
      client.resource(resources.configMaps).create(configMap('a'), { fieldManager: 'a\u0000b' }),
    );
    expect(e.code).toBe(422);
  });

  it('fails a field the kind does not know under Strict', async () => {
    const { client } = await setup();
    const e = await statusOf(
      client.resource(resources.configMaps).create({ ...configMap('a'), bogus: 1 }, { fieldValidation: 'Strict' }),
    );
    expect(e.message).toContain('unknown field "bogus"');
  });

  it('answers 404 for a resource not served', async () => {
    const { client } = await setup();
    const e = await statusOf(client.resource(resources.secrets).get('ns', 'a'));
    expect(e.code).toBe(404);
  });

  it('binds a pod through pods/binding and evicts it through pods/eviction', async () => {
    const { client } = await setup();
    const pods = client.resource(resources.pods);
    await pods.create(pod('p'));
    const bound = await pods.createSubresource('ns', 'p', 'binding', {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name: 'p' },
      target: { kind: 'Node', name: 'n1' },
    } as KubeObject);
    expect(bound).toMatchObject({ kind: 'Status', status: 'Success', code: 201 });
    expect((await pods.get('ns', 'p')).spec).toMatchObject({ nodeName: 'n1' });
    await pods.createSubresource('ns', 'p', 'eviction', {
      apiVersion: 'policy/v1',
      kind: 'Eviction',
      metadata: { name: 'p' },
      deleteOptions: { gracePeriodSeconds: 0 },
    } as KubeObject);
    expect((await statusOf(pods.get('ns', 'p'))).code).toBe(404);
  });

  describe('watch', () => {
    it('delivers events as private copies until stopped', async () => {
      const { client } = await setup();
      const configMaps = client.resource(resources.configMaps);
      const events: WatchEvent[] = [];
      const watch = configMaps.watch('ns', {}, (e) => {
        events.push(e);
        (e.object as KubeObject).metadata.name = 'mutated';
      });
      await configMaps.create(configMap('a'));
      await configMaps.patch('ns', 'a', 'application/merge-patch+json', { data: { k: 'v' } });
      while (events.length < 2) await new Promise((r) => setTimeout(r, 5));
      expect(events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED']);
      watch.stop();
      expect(await watch.done).toBe('stopped');
      expect((await configMaps.list('ns')).items.map((c) => c.metadata.name)).toEqual(['a']);
    });

    it('ends expired for a revision compacted away', async () => {
      const { client } = await setup(undefined, async (stores, store) => {
        const configMaps = stores.entry(configMapStrategy as Strategy).store;
        await configMaps.create('ns', configMap('a'));
        await configMaps.create('ns', configMap('b'));
        await store.compact(await store.currentRevision());
      });
      const events: WatchEvent[] = [];
      const watch = client
        .resource(resources.configMaps)
        .watch('ns', { resourceVersion: '1', timeoutSeconds: 5 }, (e) => events.push(e));
      expect(await watch.done).toBe('expired');
      expect(events).toEqual([{ type: 'ERROR', object: expect.objectContaining({ code: 410 }) }]);
    });

    it('a denied watch delivers the 403 and ends failed', async () => {
      const { client } = await setup((a) => a.verb === 'watch');
      const events: WatchEvent[] = [];
      const watch = client.resource(resources.configMaps).watch('ns', {}, (e) => events.push(e));
      expect(await watch.done).toBe('failed');
      expect(events).toEqual([{ type: 'ERROR', object: expect.objectContaining({ code: 403 }) }]);
    });

    it('sends the initial events and their bookmark when asked', async () => {
      const { client } = await setup();
      const configMaps = client.resource(resources.configMaps);
      await configMaps.create(configMap('a'));
      const events: WatchEvent[] = [];
      const watch = configMaps.watch('ns', { sendInitialEvents: true, allowWatchBookmarks: true }, (e) =>
        events.push(e),
      );
      while (events.length < 2) await new Promise((r) => setTimeout(r, 5));
      watch.stop();
      expect(events.map((e) => e.type)).toEqual(['ADDED', 'BOOKMARK']);
      expect(await watch.done).toBe('stopped');
    });

    it('ends closed when its timeout passes', async () => {
      const { client } = await setup();
      const watch = client.resource(resources.configMaps).watch('ns', { timeoutSeconds: 1 }, () => undefined);
      expect(await watch.done).toBe('closed');
    });
  });
});
