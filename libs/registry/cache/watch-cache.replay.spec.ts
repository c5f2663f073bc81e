// WatchCache watches from before its window, served from the store's history: the same events
// as a watch that never stopped, each once and in order across the hand-over to the window and
// live changes, read page by page as the client takes them, never once the watch has ended; 410
// only below the compaction point.
import { StoreError } from '@kubenest/storage';
import { ReadGate } from '@kubenest/storage/read-gate';
import { FakeStore } from './testing/fake-store';
import { PODS, decodePod, flush, podBookmark, podKey, podValue, silentLogger } from './testing/pods';
import { collect, summary } from './testing/watch-events';
import { WatchCache, WatchCacheOptions } from './watch-cache';
import { WatchEvent } from './watch-event';

const newCache = (store: FakeStore, options: WatchCacheOptions = {}) =>
  new WatchCache(store, PODS, decodePod, { logger: silentLogger, makeBookmark: podBookmark, ...options });

/** A store holding pods p0 ... p<count - 1> in namespace a, at revisions 2 ... count + 1. */
const storeWithPods = async (count: number) => {
  const store = new FakeStore();
  for (let i = 0; i < count; i++) await store.create(podKey('a', `p${i}`), podValue('a', `p${i}`));
  return store;
};

/** A watch whose client stops taking events after the holdAt-th, until released. */
const heldWatch = (cache: WatchCache, fromRevision: number, holdAt: number) => {
  const sent: WatchEvent[] = [];
  let release!: () => void;
  const handle = cache.watch({ fromRevision }, (e) => {
    sent.push(e);
    if (sent.length === holdAt) return new Promise<void>((r) => (release = r));
  });
  return { sent, handle, release: () => release() };
};

const web = { app: 'web' };
const isWeb = (l: Readonly<Record<string, string>>) => l.app === 'web';

/** Creates, label changes in and out of app=web, and deletes, in two namespaces. */
const churn = async (store: FakeStore, round: number) => {
  for (let i = 0; i < 4; i++) {
    const ns = i % 2 ? 'a' : 'b';
    const key = podKey(ns, `p${i}`);
    const labels = (round + i) % 3 === 0 ? {} : web;
    if (!(await store.get(key))) await store.create(key, podValue(ns, `p${i}`, labels));
    else if ((round + i) % 4 === 0) await store.delete(key);
    else await store.update(key, podValue(ns, `p${i}`, { ...labels, round: String(round) }), {});
  }
};

describe('WatchCache watch from before its window', () => {
  afterEach(() => jest.useRealTimers());

  it('replays from the store, then hands over to the window: every change once, in order', async () => {
    const store = new FakeStore();
    const cache = newCache(store, { eventWindow: 3 });
    await cache.start();
    for (let i = 0; i < 6; i++) await store.create(podKey('a', `p${i}`), podValue('a', `p${i}`));
    const { events } = collect(cache, { fromRevision: 2 });
    await flush();
    await store.create(podKey('a', 'p6'), podValue('a', 'p6'));
    expect(summary(events)).toEqual([
      'ADDED p1@3',
      'ADDED p2@4',
      'ADDED p3@5',
      'ADDED p4@6',
      'ADDED p5@7',
      'ADDED p6@8',
    ]);
    // Only what the window had lost came from the store.
    expect(store.historyCalls).toBe(1);
    cache.stop();
  });

  it('after a restart, sends what a watch that never stopped sent, with selectors and filter transitions', async () => {
    const store = new FakeStore();
    const before = newCache(store);
    await before.start();
    const selections = [{}, { namespace: 'a' }, { labelSelector: isWeb }, { namespace: 'b', labelSelector: isWeb }];
    await churn(store, 0);
    const from = await store.currentRevision();
    const unbroken = selections.map((s) => collect(before, { ...s, fromRevision: from }));
    for (let round = 1; round < 8; round++) await churn(store, round);

    // A new cache, as after a restart: its window starts at the current revision.
    const after = newCache(store);
    await after.start();
    const resumed = selections.map((s) => collect(after, { ...s, fromRevision: from }));
    await flush();
    for (let round = 8; round < 10; round++) await churn(store, round);
    await flush();

    expect(unbroken[0].events.length).toBeGreaterThan(20);
    for (const [i, watch] of resumed.entries()) expect(summary(watch.events)).toEqual(summary(unbroken[i].events));
    before.stop();
    after.stop();
  });

  it('reads the next page only when the client has taken the previous one', async () => {
    const store = await storeWithPods(10);
    const cache = newCache(store, { replayPageSize: 3 });
    await cache.start();
    const { sent, release } = heldWatch(cache, 2, 2);
    await flush();
    expect(summary(sent)).toEqual(['ADDED p1@3', 'ADDED p2@4']);
    expect(store.historyCalls).toBe(1);
    release();
    await flush();
    expect(sent).toHaveLength(9);
    // Pages of 3 over (1, 10]: 2-4, 5-7, 8-10.
    expect(store.historyCalls).toBe(3);
    cache.stop();
  });

  it('keeps no more than its characters of values per page, and at least one change', async () => {
    const store = new FakeStore();
    const big = (n: number) => ({ pad: 'x'.repeat(n) });
    for (let i = 0; i < 6; i++)
      await store.create(podKey('a', `p${i}`), podValue('a', `p${i}`, {}, big(i === 3 ? 5000 : 900)));
    const cache = newCache(store, { replayPageChars: 2500 });
    await cache.start();
    const history = jest.spyOn(store, 'history');
    const { events } = collect(cache, { fromRevision: 2 });
    await flush();
    expect(summary(events)).toEqual(['ADDED p1@3', 'ADDED p2@4', 'ADDED p3@5', 'ADDED p4@6', 'ADDED p5@7']);
    // Two of about 1 KB fit; the 5 KB one goes alone.
    expect(history.mock.calls.map(([, after]) => after)).toEqual([2, 4, 5]);
    cache.stop();
  });

  it('queues changes made during the replay and sends them after it, each once', async () => {
    const store = await storeWithPods(5);
    const cache = newCache(store, { replayPageSize: 2 });
    await cache.start();
    const { sent, release } = heldWatch(cache, 3, 1);
    await flush();
    await store.update(podKey('a', 'p1'), podValue('a', 'p1', web), {});
    await store.delete(podKey('a', 'p3'));
    await store.create(podKey('a', 'p5'), podValue('a', 'p5'));
    release();
    await flush();
    await store.delete(podKey('a', 'p0'));
    expect(summary(sent)).toEqual([
      'ADDED p2@4',
      'ADDED p3@5',
      'ADDED p4@6',
      'MODIFIED p1@7',
      'DELETED p3@8',
      'ADDED p5@9',
      'DELETED p0@10',
    ]);
    cache.stop();
  });

  it('cuts off a client too slow to drain its replay before its live buffer overflows', async () => {
    const store = await storeWithPods(5);
    const cache = newCache(store, { watcherBufferSize: 3 });
    await cache.start();
    const stuck = cache.watch({ fromRevision: 2 }, () => new Promise<void>(() => undefined));
    await flush();
    for (let i = 5; i < 9; i++) await store.create(podKey('a', `p${i}`), podValue('a', `p${i}`));
    expect(await stuck.done).toBe('overflow');
    expect(cache.watcherCount).toBe(0);
    cache.stop();
  });

  it('answers 410 for a revision below the store compaction point', async () => {
    const store = await storeWithPods(6);
    await store.compact(5);
    const cache = newCache(store);
    await cache.start();
    const { events, handle } = collect(cache, { fromRevision: 3 });
    expect(await handle.done).toBe('error');
    expect(events).toEqual([
      {
        type: 'ERROR',
        object: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'too old resource version: 3 (5)',
          reason: 'Expired',
          code: 410,
        },
      },
    ]);
    expect(cache.watcherCount).toBe(0);

    const atCompaction = collect(cache, { fromRevision: 5 });
    await flush();
    expect(summary(atCompaction.events)).toEqual(['ADDED p4@6', 'ADDED p5@7']);
    cache.stop();
  });

  it('answers 410 after what it sent when compaction overtakes the replay', async () => {
    const store = await storeWithPods(6);
    const cache = newCache(store, { replayPageSize: 2 });
    await cache.start();
    const { sent, handle, release } = heldWatch(cache, 2, 2);
    await flush();
    await store.compact(6);
    release();
    expect(await handle.done).toBe('error');
    expect(summary(sent)).toEqual(['ADDED p1@3', 'ADDED p2@4', 'ERROR 410']);
    expect(sent[2].object).toMatchObject({ message: 'too old resource version: 4 (6)' });
    cache.stop();
  });

  it('reads a page again after a pause while the store is unreachable', async () => {
    jest.useFakeTimers();
    const store = await storeWithPods(3);
    const cache = newCache(store, { retryDelayMs: 1000 });
    await cache.start();
    const history = jest.spyOn(store, 'history').mockRejectedValueOnce(new StoreError('unavailable', 'database down'));
    const { events, handle } = collect(cache, { fromRevision: 2 });
    await flush();
    expect(events).toEqual([]);
    jest.advanceTimersByTime(1000);
    await flush();
    expect(summary(events)).toEqual(['ADDED p1@3', 'ADDED p2@4']);
    expect(history).toHaveBeenCalledTimes(2);
    handle.unsubscribe();
    cache.stop();
  });

  it('reads nothing more once the client is gone', async () => {
    const store = await storeWithPods(10);
    const cache = newCache(store, { replayPageSize: 2 });
    await cache.start();
    const { handle, release } = heldWatch(cache, 2, 1);
    await flush();
    handle.unsubscribe();
    release();
    await flush();
    expect(store.historyCalls).toBe(1);
    cache.stop();
  });

  it('never reads the page of a watch that ended while its read waited its turn at the store', async () => {
    const store = await storeWithPods(10);
    const cache = newCache(store);
    await cache.start();
    // As PostgresStore: one read at a time, the first held until released.
    const gate = new ReadGate(1);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const read = store.history.bind(store);
    const signals: AbortSignal[] = [];
    jest.spyOn(store, 'history').mockImplementation((prefix, after, upTo, limit, signal) => {
      signals.push(signal!);
      return gate.run(() => held.then(() => read(prefix, after, upTo, limit, signal)), signal);
    });
    const stays = collect(cache, { fromRevision: 2 });
    // Clients that watch from an old revision and hang up at once.
    const gone = Array.from({ length: 5 }, () => collect(cache, { fromRevision: 2 }));
    await flush();
    gone.forEach(({ handle }) => handle.unsubscribe());
    await flush();
    expect(signals.map((s) => s.aborted)).toEqual([false, true, true, true, true, true]);
    release();
    await flush();
    expect(stays.events).toHaveLength(9);
    expect(gone.flatMap(({ events }) => events)).toEqual([]);
    expect(store.historyCalls).toBe(1);
    stays.handle.unsubscribe();
    await flush();
    expect(signals[0].aborted).toBe(true);
    cache.stop();
  });
});
