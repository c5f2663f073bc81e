// Kinds added and removed while the server runs: the registry's answers, its change event, and
// the stores following it (an added kind's cache starts and serves, a removed kind's stops and
// ends its watches).
import { KubeObject } from '@kubenest/apimachinery';
import { nameIsDNSSubdomain } from '@kubenest/apimachinery/validation';
import { AdmissionChain } from './admission';
import { WatchEvent } from './cache';
import { FakeStore } from './cache/testing/fake-store';
import { ResourceRegistry, ResourceRegistryChange } from './resource-registry';
import { ResourceStores } from './resource-stores';
import { Strategy } from './strategy';

const strategyOf = (group: string, kind: string, plural: string): Strategy => ({
  kind: { group, version: 'v1', kind, plural },
  namespaced: true,
  nameValidator: nameIsDNSSubdomain,
  validate: () => [],
});

const gadgets = strategyOf('', 'Gadget', 'gadgets');
const widgets = strategyOf('example.com', 'Widget', 'widgets');

const widget = (name: string): KubeObject => ({
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { name },
});

describe('ResourceRegistry', () => {
  it('serves an added kind and forgets a removed one, telling its listeners after each change', () => {
    const registry = new ResourceRegistry([gadgets]);
    const changes: string[] = [];
    registry.onChange(({ type, strategy }: ResourceRegistryChange) =>
      changes.push(`${type} ${strategy.kind.plural} ${registry.strategies.length}`),
    );

    registry.add(widgets);
    expect(registry.find('example.com', 'v1', 'widgets')).toBe(widgets);
    expect(registry.strategies).toEqual([gadgets, widgets]);
    expect(registry.groupVersions()).toEqual([
      { group: '', version: 'v1' },
      { group: 'example.com', version: 'v1' },
    ]);

    expect(registry.remove('example.com', 'v1', 'widgets')).toBe(widgets);
    expect(registry.find('example.com', 'v1', 'widgets')).toBeUndefined();
    expect(registry.strategies).toEqual([gadgets]);
    expect(registry.remove('example.com', 'v1', 'widgets')).toBeUndefined();
    expect(changes).toEqual(['added widgets 2', 'removed widgets 1']);
  });

  it('refuses a resource it serves already', () => {
    const registry = new ResourceRegistry([gadgets]);
    expect(() => registry.add(strategyOf('', 'Gadget', 'gadgets'))).toThrow('/v1/gadgets is served already');
  });

  it('stops telling a listener that unsubscribed', () => {
    const registry = new ResourceRegistry([]);
    const seen: string[] = [];
    const unsubscribe = registry.onChange(({ strategy }) => seen.push(strategy.kind.plural));
    registry.add(widgets);
    unsubscribe();
    registry.remove('example.com', 'v1', 'widgets');
    expect(seen).toEqual(['widgets']);
  });
});

describe('ResourceStores following the registry', () => {
  const setup = async () => {
    const registry = new ResourceRegistry([gadgets]);
    const stores = new ResourceStores(registry, new FakeStore(), new AdmissionChain([]));
    await stores.start();
    return { registry, stores };
  };

  it('starts the cache of an added kind, which then serves writes, reads and watches', async () => {
    const { registry, stores } = await setup();
    registry.add(widgets);
    await stores.ready(widgets);
    const entry = stores.entry(widgets);
    expect(stores.byKind('example.com', 'Widget')).toBe(entry);

    const events: WatchEvent[] = [];
    entry.cache.watch({ sendInitialEvents: false }, (e) => void events.push(e));
    const created = await entry.store.create('default', widget('one'));
    expect((await entry.store.get('default', 'one')).metadata.uid).toBe(created.metadata.uid);
    await entry.cache.waitUntilFresh(Number(created.metadata.resourceVersion));
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED one']);
    await expect(entry.cache.list({}).then((l) => l.items.map((i) => i.metadata.name))).resolves.toEqual(['one']);
    stores.stop();
  });

  it('stops the cache of a removed kind and ends its watches', async () => {
    const { registry, stores } = await setup();
    registry.add(widgets);
    await stores.ready(widgets);
    const { cache } = stores.entry(widgets);
    const watch = cache.watch({}, () => undefined);

    registry.remove('example.com', 'v1', 'widgets');
    expect(await watch.done).toBe('stopped');
    expect(cache.isReady).toBe(false);
    expect(() => stores.entry(widgets)).toThrow('no store for widgets');
    expect(stores.byKind('example.com', 'Widget')).toBeUndefined();
    stores.stop();
  });

  it('no longer follows the registry once stopped', async () => {
    const { registry, stores } = await setup();
    stores.stop();
    registry.add(widgets);
    expect(() => stores.entry(widgets)).toThrow('no store for widgets');
  });
});
