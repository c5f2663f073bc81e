// WatchCache watches: initial events, replay from a revision, 504, filter transitions,
// bookmarks, slow watchers, exactly-once delivery and shared event objects.
import { KubeObject } from '@kubenest/apimachinery';
import { FakeStore } from './testing/fake-store';
import { PODS, decodePod, flush, podBookmark, podKey, podValue, silentLogger } from './testing/pods';
import { collect, summary } from './testing/watch-events';
import { WatchCache, WatchCacheOptions } from './watch-cache';
import { WatchEvent, watchEventJson } from './watch-event';

const setup = async (options: WatchCacheOptions = {}) => {
  const store = new FakeStore();
  const cache = new WatchCache(store, PODS, decodePod, { logger: silentLogger, makeBookmark: podBookmark, ...options });
  return { store, cache };
};

const web = { app: 'web' };
const isWeb = (l: Readonly<Record<string, string>>) => l.app === 'web';

describe('WatchCache watch', () => {
  afterEach(() => jest.useRealTimers());

  it('from 0 sends the current state as ADDED, then changes', async () => {
    const { store, cache } = await setup();
    await store.create(podKey('a', 'one'), podValue('a', 'one'));
    await store.create(podKey('b', 'two'), podValue('b', 'two'));
    await cache.start();
    const { events } = collect(cache, { namespace: 'a' });
    await store.create(podKey('a', 'three'), podValue('a', 'three'));
    await store.create(podKey('b', 'four'), podValue('b', 'four'));
    await flush();
    await store.delete(podKey('a', 'one'));
    expect(summary(events)).toEqual(['ADDED one@2', 'ADDED three@4', 'DELETED one@6']);
    cache.stop();
  });

  it('with sendInitialEvents ends the initial events with an annotated bookmark', async () => {
    const { store, cache } = await setup();
    await store.create(podKey('a', 'one'), podValue('a', 'one'));
    await store.create('/registry/core/configmaps/a/x', '{}');
    await cache.start();
    const { events } = collect(cache, { sendInitialEvents: true, allowBookmarks: true });
    await flush();
    expect(summary(events)).toEqual(['ADDED one@2', 'BOOKMARK @3']);
    expect(events[1].object).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { resourceVersion: '3', annotations: { 'k8s.io/initial-events-end': 'true' } },
    });
    cache.stop();
  });

  it('with sendInitialEvents=false from 0 sends only later changes', async () => {
    const { store, cache } = await setup();
    await store.create(podKey('a', 'one'), podValue('a', 'one'));
    await cache.start();
    const { events } = collect(cache, { sendInitialEvents: false });
    await flush();
    await store.create(podKey('a', 'two'), podValue('a', 'two'));
    expect(summary(events)).toEqual(['ADDED two@3']);
    cache.stop();
  });

  it('from N replays only the changes after N', async () => {
    const { store, cache } = await setup();
    await cache.start();
    await store.create(podKey('a', 'one'), podValue('a', 'one'));
    await store.create(podKey('a', 'two'), podValue('a', 'two'));
    await store.update(podKey('a', 'one'), podValue('a', 'one', { v: '2' }), {});
    const { events } = collect(cache, { fromRevision: 2 });
    await flush();
    await store.delete(podKey('a', 'two'));
    expect(summary(events)).toEqual(['ADDED two@3', 'MODIFIED one@4', 'DELETED two@5']);
    cache.stop();
  });

  it('from a revision the cache has not reached waits for it', async () => {
    const { store, cache } = await setup();
    await cache.start();
    store.progressNotify = false;
    await store.create('/registry/core/configmaps/a/x', '{}');
    const { events } = collect(cache, { fromRevision: 2 });
    await flush();
    await store.create(podKey('a', 'one'), podValue('a', 'one'));
    await flush();
    expect(summary(events)).toEqual(['ADDED one@3']);
    cache.stop();
  });

  it('from a revision the cache does not reach in time sends 504 and ends', async () => {
    jest.useFakeTimers();
    const { store, cache } = await setup({ freshTimeoutMs: 3000 });
    await cache.start();
    const { events, handle } = collect(cache, { fromRevision: 6 });
    jest.advanceTimersByTime(3000);
    expect(await handle.done).toBe('error');
    expect(events[0].object).toMatchObject({
      code: 504,
      reason: 'Timeout',
      message: 'Too large resource version: 6, current: 1',
    });
    expect(store.openWatches).toBe(1);
    cache.stop();
  });

  it('turns label changes into ADDED, MODIFIED and DELETED for a filtered watcher', async () => {
    const { store, cache } = await setup();
    await store.create(podKey('a', 'p'), podValue('a', 'p', {}));
    await cache.start();
    const { events } = collect(cache, { labelSelector: isWeb, fromRevision: 2 });
    await flush();
    await store.update(podKey('a', 'p'), podValue('a', 'p', web), {}); // starts matching
    await store.update(podKey('a', 'p'), podValue('a', 'p', { ...web, v: '2' }), {}); // still matches
    await store.update(podKey('a', 'p'), podValue('a', 'p', { app: 'db' }), {}); // stops matching
    await store.update(podKey('a', 'p'), podValue('a', 'p', web), {}); // matches again
    await store.delete(podKey('a', 'p'));
    expect(summary(events)).toEqual(['ADDED p@3', 'MODIFIED p@4', 'DELETED p@5', 'ADDED p@6', 'DELETED p@7']);
    // The DELETED for leaving the selection carries the last matching state at the change's revision.
    expect((events[2].object as KubeObject).metadata.labels).toEqual({ ...web, v: '2' });
    expect((events[4].object as KubeObject).metadata.labels).toEqual(web);
    cache.stop();
  });

  it('replays filter transitions from the window the same way', async () => {
    const { store, cache } = await setup();
    await store.create(podKey('a', 'p'), podValue('a', 'p', web));
    await cache.start();
    await store.update(podKey('a', 'p'), podValue('a', 'p', { app: 'db' }), {});
    await store.update(podKey('a', 'p'), podValue('a', 'p', web), {});
    const { events } = collect(cache, { labelSelector: isWeb, fromRevision: 2 });
    await flush();
    expect(summary(events)).toEqual(['DELETED p@3', 'ADDED p@4']);
    cache.stop();
  });

  it('sends bookmarks periodically and shortly before the timeout, then ends the watch', async () => {
    jest.useFakeTimers();
    const { store, cache } = await setup({ bookmarkIntervalMs: 60_000 });
    await cache.start();
    await store.create(podKey('a', 'one'), podValue('a', 'one'));
    const { events, handle } = collect(cache, { fromRevision: 2, allowBookmarks: true, timeoutMs: 150_000 });
    const silent = collect(cache, { fromRevision: 2 });
    await flush();
    await store.create('/registry/core/configmaps/a/x', '{}');

    jest.advanceTimersByTime(60_000);
    await flush();
    expect(summary(events)).toEqual(['BOOKMARK @3']);
    expect(events[0].object).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { resourceVersion: '3' } });

    jest.advanceTimersByTime(60_000);
    await store.create(podKey('a', 'two'), podValue('a', 'two'));
    jest.advanceTimersByTime(28_000); // 2 s before the timeout
    await flush();
    expect(summary(events)).toEqual(['BOOKMARK @3', 'BOOKMARK @3', 'ADDED two@4', 'BOOKMARK @4']);

    jest.advanceTimersByTime(2000);
    expect(await handle.done).toBe('timeout');
    expect(summary(silent.events)).toEqual(['ADDED two@4']);
    cache.stop();
  });

  it('keeps open a watch whose timeout is beyond what a timer can wait', async () => {
    const { cache } = await setup();
    await cache.start();
    const emitWarning = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const { handle } = collect(cache, { timeoutMs: 9_223_372_036_854_775_807_000 });
    const ended = await Promise.race([handle.done, new Promise((r) => setTimeout(() => r('open'), 50))]);
    expect(ended).toBe('open');
    expect(emitWarning).not.toHaveBeenCalled();
    emitWarning.mockRestore();
    cache.stop();
  });

  it('holds a bookmark back until the events before it are sent', async () => {
    jest.useFakeTimers();
    const { store, cache } = await setup({ bookmarkIntervalMs: 1000 });
    await cache.start();
    const sent: WatchEvent[] = [];
    let release!: () => void;
    cache.watch({ fromRevision: 0, allowBookmarks: true }, (e) => {
      sent.push(e);
      if (sent.length === 1) return new Promise<void>((r) => (release = r));
    });
    await store.create(podKey('a', 'one'), podValue('a', 'one'));
    await store.create(podKey('a', 'two'), podValue('a', 'two'));
    jest.advanceTimersByTime(1000);
    await flush();
    expect(summary(sent)).toEqual(['ADDED one@2']);
    release();
    await flush();
    expect(summary(sent)).toEqual(['ADDED one@2', 'ADDED two@3', 'BOOKMARK @3']);
    cache.stop();
  });

  it('cuts off a watcher whose buffer overflows without holding back the others', async () => {
    const { store, cache } = await setup({ watcherBufferSize: 5 });
    await cache.start();
    const stuck: WatchEvent[] = [];
    const slow = cache.watch({ fromRevision: 0 }, (e) => {
      stuck.push(e);
      return new Promise<void>(() => undefined);
    });
    const fast = collect(cache, { fromRevision: 0 });
    for (let i = 0; i < 10; i++) await store.create(podKey('a', `p${i}`), podValue('a', `p${i}`));
    expect(await slow.done).toBe('overflow');
    expect(stuck).toHaveLength(1);
    expect(fast.events).toHaveLength(10);
    expect(cache.watcherCount).toBe(1);
    cache.stop();
  });

  it('stops delivering after unsubscribe', async () => {
    const { store, cache } = await setup();
    await cache.start();
    const { events, handle } = collect(cache);
    await store.create(podKey('a', 'one'), podValue('a', 'one'));
    handle.unsubscribe();
    await store.create(podKey('a', 'two'), podValue('a', 'two'));
    expect(summary(events)).toEqual(['ADDED one@2']);
    expect(await handle.done).toBe('unsubscribed');
    expect(cache.watcherCount).toBe(0);
    cache.stop();
  });

  it('delivers every change exactly once in revision order to watchers started at any point', async () => {
    const { store, cache } = await setup();
    await cache.start();
    const watchers: { from: number; events: WatchEvent[] }[] = [];
    for (let i = 0; i < 60; i++) {
      const key = podKey('a', `p${i % 7}`);
      if (await store.get(key)) {
        if (i % 3 === 0) await store.delete(key);
        else await store.update(key, podValue('a', `p${i % 7}`, { i: String(i) }), {});
      } else await store.create(key, podValue('a', `p${i % 7}`));
      if (i % 5 === 0) {
        const from = Math.max(2, i - 2);
        watchers.push({ from, events: collect(cache, { fromRevision: from }).events });
      }
      if (i % 11 === 0) await flush();
    }
    await flush();
    for (const w of watchers) {
      const revisions = w.events.map((e) => Number((e.object as KubeObject).metadata.resourceVersion));
      expect(revisions).toEqual(Array.from({ length: 61 - w.from }, (_, k) => w.from + 1 + k));
    }
    cache.stop();
  });

  it('does not double a change for a watch started from inside a sink while it is dispatched', async () => {
    const { store, cache } = await setup();
    await cache.start();
    const inner: WatchEvent[] = [];
    cache.watch({ sendInitialEvents: false }, () => {
      if (inner.length === 0) cache.watch({}, (e) => void inner.push(e));
    });
    await flush();
    await store.create(podKey('a', 'one'), podValue('a', 'one'));
    await flush();
    await store.create(podKey('a', 'two'), podValue('a', 'two'));
    expect(summary(inner)).toEqual(['ADDED one@2', 'ADDED two@3']);
    cache.stop();
  });

  it('shares one event object among watchers, so its JSON is built once', async () => {
    const { store, cache } = await setup();
    await cache.start();
    const a = collect(cache, { sendInitialEvents: false });
    const b = collect(cache, { sendInitialEvents: false, namespace: 'a' });
    await flush();
    await store.create(podKey('a', 'one'), podValue('a', 'one'));
    expect(a.events[0]).toBe(b.events[0]);
    const stringify = jest.spyOn(JSON, 'stringify');
    const json = watchEventJson(a.events[0]);
    expect(watchEventJson(b.events[0])).toBe(json);
    expect(stringify).toHaveBeenCalledTimes(1);
    stringify.mockRestore();
    expect(JSON.parse(json)).toMatchObject({
      type: 'ADDED',
      object: { metadata: { name: 'one', resourceVersion: '2' } },
    });
    cache.stop();
  });

  it('fans 1,000 changes out to 100 watchers cheaply', async () => {
    const { store, cache } = await setup();
    await cache.start();
    let delivered = 0;
    for (let i = 0; i < 100; i++)
      cache.watch({ sendInitialEvents: false, labelSelector: i % 2 ? isWeb : undefined }, () => void delivered++);
    await flush();
    const started = performance.now();
    for (let i = 0; i < 1000; i++) await store.create(podKey('a', `p${i}`), podValue('a', `p${i}`, i % 2 ? web : {}));
    const elapsed = performance.now() - started;
    expect(delivered).toBe(50 * 1000 + 50 * 500);
    expect(elapsed).toBeLessThan(1000);
    cache.stop();
  });
});
