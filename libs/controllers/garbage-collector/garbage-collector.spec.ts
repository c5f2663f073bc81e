// The whole collector, run by the LoopManager over the fake client: informers feed the graph,
// the queues act. (The fake has no propagation policies: owners are marked here as the registry would.)
import { KubeObject } from '@kubenest/apimachinery';
import { mergePatchType } from '@kubenest/apimachinery/patch';
import { ResourceRef, resources } from '@kubenest/client';
import { FakeResourceClient } from '@kubenest/client/testing';
import { LoopManager } from '../loop';
import { CollectedResource } from './collected-resources';
import { GARBAGE_COLLECTOR, garbageCollectorLoop } from './garbage-collector.loop';
import { OwnerReference } from './object-identity';

const resource = (ref: ResourceRef, kind: string, namespaced = true): CollectedResource => ({
  ref,
  kind,
  namespaced,
  storage: `/${ref.group}/${ref.resource}`,
});

const builtin = [resource(resources.configMaps, 'ConfigMap'), resource(resources.secrets, 'Secret')];

const owned = (name: string, ...owners: KubeObject[]): KubeObject => ({
  metadata: {
    name,
    namespace: 'ns',
    ownerReferences: owners.map((o): OwnerReference => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      name: o.metadata.name!,
      uid: o.metadata.uid!,
    })),
  },
});

const setup = (served = [...builtin]) => {
  const client = new FakeResourceClient();
  const identities = new Set<string>();
  const listeners = new Set<() => void>();
  const manager = new LoopManager(
    [
      garbageCollectorLoop({
        resources: { list: () => served, onChange: (l) => (listeners.add(l), () => listeners.delete(l)) },
      }),
    ],
    {
      clientFor: (identity) => {
        identities.add(identity);
        return client;
      },
      holderIdentity: 'p1',
    },
  );
  const configMaps = client.resource(resources.configMaps);
  const names = async () => (await configMaps.list('ns')).items.map((o) => o.metadata.name).sort();
  const serve = (r: CollectedResource) => {
    served.push(r);
    for (const l of listeners) l();
  };
  return { client, manager, configMaps, names, identities, serve };
};

describe('GarbageCollector', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  const settle = async (ms = 200) => jest.advanceTimersByTimeAsync(ms);

  it('deletes what a dangling owner left, as its own service account, and what it owned in turn', async () => {
    const { client, manager, configMaps, names, identities } = setup();
    const ghost = { metadata: { name: 'ghost', uid: 'never-existed' } };
    client.seed(resources.configMaps, owned('orphaned', ghost));
    const orphaned = await configMaps.get('ns', 'orphaned');
    client.seed(resources.secrets, owned('secret-of-orphaned', orphaned));
    client.seed(resources.configMaps, { metadata: { name: 'unowned', namespace: 'ns' } });
    manager.start();
    await settle(2000);
    await manager.idle();
    expect(await names()).toEqual(['unowned']);
    expect((await client.resource(resources.secrets).list('ns')).items).toEqual([]);
    expect(identities).toContain(GARBAGE_COLLECTOR);
    await manager.stop();
    expect(client.openWatches).toBe(0);
  });

  it('keeps a dependent while one of its owners remains, and drops the reference to the one gone', async () => {
    const { client, manager, configMaps, names } = setup();
    client.seed(
      resources.configMaps,
      { metadata: { name: 'a', namespace: 'ns' } },
      { metadata: { name: 'b', namespace: 'ns' } },
    );
    const [a, b] = (await configMaps.list('ns')).items;
    client.seed(resources.configMaps, owned('shared', a, b));
    manager.start();
    await settle();
    await configMaps.delete('ns', 'a');
    await settle();
    await manager.idle();
    expect(await names()).toEqual(['b', 'shared']);
    expect((await configMaps.get('ns', 'shared')).metadata.ownerReferences!.map((r) => r.name)).toEqual(['b']);
    await configMaps.delete('ns', 'b');
    await settle();
    await manager.idle();
    expect(await names()).toEqual([]);
    await manager.stop();
  });

  it('orphans the dependents of an owner marked orphan, then lets the owner go', async () => {
    const { client, manager, configMaps, names } = setup();
    client.seed(resources.configMaps, { metadata: { name: 'owner', namespace: 'ns' } });
    const owner = await configMaps.get('ns', 'owner');
    client.seed(resources.configMaps, owned('kept', owner));
    manager.start();
    await settle();
    await configMaps.patch('ns', 'owner', mergePatchType, {
      metadata: { finalizers: ['orphan'], deletionTimestamp: '2026-12-07T05:00:00Z' },
    });
    await settle();
    await manager.idle();
    expect(await names()).toEqual(['kept']);
    expect((await configMaps.get('ns', 'kept')).metadata.ownerReferences).toEqual([]);
    await manager.stop();
  });

  it('ends a foreground deletion whose dependents block it in a cycle', async () => {
    const { client, manager, configMaps, names } = setup();
    client.seed(resources.configMaps, { metadata: { name: 'a', namespace: 'ns', uid: 'a' } });
    client.seed(resources.configMaps, { metadata: { name: 'b', namespace: 'ns', uid: 'b' } });
    const blocking = (name: string, owner: string) =>
      configMaps.patch('ns', name, mergePatchType, {
        metadata: {
          ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: owner, uid: owner, blockOwnerDeletion: true }],
        },
      });
    await blocking('a', 'b');
    await blocking('b', 'a');
    manager.start();
    await settle();
    await configMaps.patch('ns', 'a', mergePatchType, {
      metadata: { finalizers: ['foregroundDeletion'], deletionTimestamp: '2026-12-07T05:00:00Z' },
    });
    await settle(5000);
    await manager.idle();
    expect(await names()).toEqual([]);
    await manager.stop();
  });

  it('watches a resource served after it started', async () => {
    const { client, manager, configMaps, serve } = setup();
    const widgets = resource({ group: 'example.com', version: 'v1', resource: 'widgets' }, 'Widget');
    manager.start();
    await settle();
    serve(widgets);
    client.seed(resources.configMaps, { metadata: { name: 'owner', namespace: 'ns' } });
    const owner = await configMaps.get('ns', 'owner');
    client.seed(widgets.ref, { ...owned('widget', owner) });
    await settle();
    await configMaps.delete('ns', 'owner');
    await settle();
    await manager.idle();
    expect((await client.resource(widgets.ref).list('ns')).items).toEqual([]);
    await manager.stop();
  });
});
