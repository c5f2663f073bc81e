// WatchCache when its store watch fails: resume after a transient failure, re-list after compaction.
import { KubeObject } from '@kubenest/apimachinery';
import { StoreError } from '@kubenest/storage';
import { FakeStore } from './testing/fake-store';
import { PODS, decodePod, flush, podKey, podValue, silentLogger } from './testing/pods';
import { WatchCache } from './watch-cache';
import { WatchEvent } from './watch-event';

const setup = () => {
  const store = new FakeStore();
  const cache = new WatchCache(store, PODS, decodePod, { logger: silentLogger, retryDelayMs: 1000 });
  return { store, cache };
};

const names = (items: KubeObject[]) => items.map((o) => o.metadata.name);

describe('WatchCache restart', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('resumes from its revision after a transient failure, keeping its watchers', async () => {
    const { store, cache } = setup();
    await cache.start();
    await store.create(podKey('a', 'one'), podValue('a', 'one'));
    const events: WatchEvent[] = [];
    const handle = cache.watch({ fromRevision: 2 }, (e) => void events.push(e));
    await flush();

    store.failWatches(new StoreError('unavailable', 'connection lost'));
    await store.create(podKey('a', 'two'), podValue('a', 'two'));
    await store.delete(podKey('a', 'one'));
    expect(events).toEqual([]);

    jest.advanceTimersByTime(1000);
    await flush();
    expect(events.map((e) => `${e.type} ${(e.object as KubeObject).metadata.name}`)).toEqual([
      'ADDED two',
      'DELETED one',
    ]);
    expect(cache.watcherCount).toBe(1);
    expect(store.openWatches).toBe(1);
    handle.unsubscribe();
    cache.stop();
  });

  it('re-lists after its start revision was compacted away and ends watchers with 410', async () => {
    const { store, cache } = setup();
    await store.create(podKey('a', 'one'), podValue('a', 'one'));
    await cache.start();
    const events: WatchEvent[] = [];
    const handle = cache.watch({ fromRevision: 2 }, (e) => void events.push(e));
    await flush();

    // A long disconnect: the store moves on and compacts the history the cache would need.
    store.failWatches(new StoreError('unavailable', 'connection lost'));
    await store.create(podKey('a', 'two'), podValue('a', 'two'));
    await store.delete(podKey('a', 'one'));
    await store.compact(4);
    const listsBefore = store.listCalls;

    jest.advanceTimersByTime(1000);
    await flush();
    expect(await handle.done).toBe('error');
    expect(events).toEqual([
      {
        type: 'ERROR',
        object: expect.objectContaining({
          code: 410,
          reason: 'Expired',
          message: 'The resourceVersion for the provided watch is too old.',
        }),
      },
    ]);
    expect(store.listCalls).toBe(listsBefore + 1);
    expect(cache.isReady).toBe(true);
    expect(cache.revision).toBe(4);
    expect(names((await cache.list()).items)).toEqual(['two']);

    // Watches from before the re-list are too old now; newer ones work.
    const old: WatchEvent[] = [];
    await cache.watch({ fromRevision: 2 }, (e) => void old.push(e)).done;
    expect(old[0].object).toMatchObject({ code: 410, message: 'too old resource version: 2 (4)' });
    const fresh: WatchEvent[] = [];
    cache.watch({ fromRevision: 4 }, (e) => void fresh.push(e));
    await flush();
    await store.create(podKey('a', 'three'), podValue('a', 'three'));
    expect(fresh.map((e) => e.type)).toEqual(['ADDED']);
    cache.stop();
  });

  it('keeps retrying a load that fails and serves once it succeeds', async () => {
    const { store, cache } = setup();
    await store.create(podKey('a', 'one'), podValue('a', 'one'));
    const list = jest.spyOn(store, 'list').mockRejectedValueOnce(new StoreError('unavailable', 'database down'));
    const starting = cache.start();
    await flush();
    expect(cache.isReady).toBe(false);
    expect(() => cache.get(podKey('a', 'one'))).toThrow('storage is (re)initializing');
    const waiting = cache.list();
    jest.advanceTimersByTime(1000);
    await starting;
    expect(names((await waiting).items)).toEqual(['one']);
    expect(list).toHaveBeenCalledTimes(2);
    cache.stop();
  });

  it('lets start() settle when stopped while a failed load waits to retry', async () => {
    const { store, cache } = setup();
    jest.spyOn(store, 'list').mockRejectedValue(new StoreError('unavailable', 'database down'));
    const starting = cache.start();
    await flush();
    cache.stop();
    await starting;
    expect(cache.isReady).toBe(false);
  });

  it('on stop ends watchers, rejects waiters and stops its store watch', async () => {
    const { store, cache } = setup();
    await cache.start();
    const handle = cache.watch({}, () => undefined);
    const waiting = cache.waitUntilFresh(10);
    cache.stop();
    expect(await handle.done).toBe('stopped');
    await expect(waiting).rejects.toMatchObject({ code: 503 });
    expect(store.openWatches).toBe(0);
    expect(() => cache.get(podKey('a', 'one'))).toThrow('storage is (re)initializing');
  });
});
