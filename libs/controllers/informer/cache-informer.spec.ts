import { KubeObject } from '@kubenest/apimachinery';
import { WatchCache, WatchEventType } from '@kubenest/registry';
import { FakeStore } from '@kubenest/registry/cache/testing/fake-store';
import { decodePod, podKey, PODS, podValue, silentLogger } from '@kubenest/registry/cache/testing/pods';
import { StoreError } from '@kubenest/storage';
import { waitFor } from '@kubenest/testing/wait';
import { startInformer } from './cache-informer';

const quiet = { debug: () => undefined } as never;

describe('startInformer', () => {
  const setup = async (names: string[]) => {
    const store = new FakeStore();
    for (const name of names) await store.create(podKey('default', name), podValue('default', name));
    const cache = new WatchCache(store, PODS, decodePod, { logger: silentLogger, retryDelayMs: 10 });
    await cache.start();
    const events: string[] = [];
    const informer = startInformer(
      cache,
      (type: WatchEventType, obj: KubeObject) => events.push(`${type} ${obj.metadata.name}`),
      quiet,
    );
    return { store, cache, events, informer, stop: () => (informer.stop(), cache.stop()) };
  };

  it('hands over the objects that exist, then every change', async () => {
    const { store, events, stop } = await setup(['a', 'b']);
    await waitFor('the initial list', () => events.length === 2 || undefined, 2000, 5);
    await store.create(podKey('default', 'c'), podValue('default', 'c'));
    await store.delete(podKey('default', 'a'));
    await waitFor('the changes', () => events.length === 4 || undefined, 2000, 5);
    expect(events).toEqual(['ADDED a', 'ADDED b', 'ADDED c', 'DELETED a']);
    stop();
  });

  it('reports what was deleted while the cache re-listed, as client-go does after a relist', async () => {
    const { store, events, stop } = await setup(['a', 'b']);
    await waitFor('the initial list', () => events.length === 2 || undefined, 2000, 5);
    // The store's history is gone: the cache re-lists and ends its watchers; b goes meanwhile.
    store.failWatches(new StoreError('compacted', 'required revision has been compacted'));
    await store.delete(podKey('default', 'b'));
    await waitFor('b reported deleted', () => events.includes('DELETED b') || undefined, 3000, 10);
    expect(events.filter((e) => e.endsWith(' a')).every((e) => e === 'ADDED a')).toBe(true);
    stop();
  });
});
