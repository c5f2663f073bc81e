// startInformer: the objects that exist, then every change; a watch that ends is resumed from the
// last revision seen, even one the cache's window has since lost, so the handler sees every change
// once and nothing twice; after a re-list, what went meanwhile is reported deleted.
import { Logger } from '@nestjs/common';
import { KubeObject } from '@kubenest/apimachinery';
import { WatchCache, WatchEventType } from '@kubenest/registry';
import { FakeStore } from '@kubenest/registry/cache/testing/fake-store';
import { PODS, decodePod, flush, podKey, podValue, silentLogger } from '@kubenest/registry/cache/testing/pods';
import { StoreError } from '@kubenest/storage';
import { waitFor } from '@kubenest/testing/wait';
import { startInformer } from './cache-informer';

const quietLogger = () => {
  const logger = new Logger('informer-test');
  jest.spyOn(logger, 'debug').mockImplementation(() => undefined);
  return logger;
};

describe('startInformer', () => {
  afterEach(() => jest.useRealTimers());

  const setup = async (names: string[]) => {
    const store = new FakeStore();
    for (const name of names) await store.create(podKey('default', name), podValue('default', name));
    const cache = new WatchCache(store, PODS, decodePod, { logger: silentLogger, retryDelayMs: 10 });
    await cache.start();
    const events: string[] = [];
    const informer = startInformer(
      cache,
      (type: WatchEventType, obj: KubeObject) => events.push(`${type} ${obj.metadata.name}`),
      quietLogger(),
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

  it('is synced once the handler has every object that existed when it started', async () => {
    const { events, informer, stop } = await setup(['a', 'b']);
    let synced: string[] | undefined;
    void informer.synced.then(() => (synced = [...events]));
    await waitFor('synced', () => synced, 2000, 5);
    expect(synced).toEqual(['ADDED a', 'ADDED b']);
    stop();

    const empty = await setup([]);
    await expect(empty.informer.synced).resolves.toBeUndefined();
    empty.stop();
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

  it('resumes after a failed handler from its revision, past the window, without starting over', async () => {
    jest.useFakeTimers();
    const store = new FakeStore();
    const cache = new WatchCache(store, PODS, decodePod, { logger: silentLogger, eventWindow: 2 });
    await cache.start();
    const seen: string[] = [];
    let failed = false;
    const informer = startInformer(
      cache,
      (type: WatchEventType, obj: KubeObject) => {
        seen.push(`${type} ${obj.metadata.name}@${obj.metadata.resourceVersion}`);
        if (obj.metadata.name === 'p1' && !failed) {
          failed = true;
          throw new Error('handler failed');
        }
      },
      quietLogger(),
    );
    await store.create(podKey('a', 'p0'), podValue('a', 'p0'));
    await store.create(podKey('a', 'p1'), podValue('a', 'p1'));
    await flush();
    // While the informer waits to resume, more changes than the window holds.
    await store.update(podKey('a', 'p0'), podValue('a', 'p0', { v: '2' }), {});
    await store.create(podKey('a', 'p2'), podValue('a', 'p2'));
    await store.delete(podKey('a', 'p0'));
    await store.create(podKey('a', 'p3'), podValue('a', 'p3'));
    jest.advanceTimersByTime(500);
    await flush();
    expect(seen).toEqual(['ADDED p0@2', 'ADDED p1@3', 'MODIFIED p0@4', 'ADDED p2@5', 'DELETED p0@6', 'ADDED p3@7']);
    informer.stop();
    cache.stop();
  });
});
