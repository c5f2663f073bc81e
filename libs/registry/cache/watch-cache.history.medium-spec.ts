// WatchCache on a real PostgreSQL, watched from a revision before its window, as every client
// resuming after an apiserver restart does: the missed changes come from the store's history,
// each once and in order, with selectors, while writes go on; 410 only below compaction.
import { KubeObject } from '@kubenest/apimachinery';
import { PostgresStore } from '@kubenest/storage';
import { startTestPostgres, TestPostgres } from '@kubenest/testing/postgres';
import { waitFor } from '@kubenest/testing/wait';
import { PODS, decodePod, podKey, podValue, silentLogger } from './testing/pods';
import { summary } from './testing/watch-events';
import { CacheWatchOptions, WatchCache, WatchCacheOptions } from './watch-cache';
import { WatchEvent } from './watch-event';

const web = { app: 'web' };
const isWeb = (l: Readonly<Record<string, string>>) => l.app === 'web';

const newCache = (store: PostgresStore, options: WatchCacheOptions = {}) =>
  new WatchCache(store, PODS, decodePod, { logger: silentLogger, ...options });

/** One write among 40 pods in two namespaces: creates, label changes in and out of app=web, deletes. */
const write = async (store: PostgresStore, i: number) => {
  const ns = i % 2 ? 'a' : 'b';
  const name = `p${i % 40}`;
  const key = podKey(ns, name);
  const current = await store.get(key);
  if (!current) return store.create(key, podValue(ns, name, i % 3 ? web : {}));
  if (i % 7 === 0) return store.delete(key);
  return store.update(key, podValue(ns, name, i % 5 ? web : { app: 'db' }, { i }), {});
};

/** A watch whose client takes its time (a turn of the event loop per event), as a real one does. */
const slowWatch = (cache: WatchCache, options: CacheWatchOptions) => {
  const events: WatchEvent[] = [];
  const handle = cache.watch(options, (e) => {
    events.push(e);
    return new Promise<void>((resolve) => setImmediate(resolve));
  });
  return { events, handle };
};

const lastRevision = (events: WatchEvent[]) =>
  Number((events[events.length - 1]?.object as KubeObject | undefined)?.metadata.resourceVersion ?? 0);

const selections: CacheWatchOptions[] = [
  {},
  { namespace: 'a' },
  { labelSelector: isWeb },
  { namespace: 'b', labelSelector: isWeb, fieldFilter: (o) => o.metadata.name !== 'p3' },
];

describe('WatchCache on PostgreSQL, watched from before its window', () => {
  let pg: TestPostgres;
  /** Another apiserver's store on the same database, up all along. */
  let peer: PostgresStore;

  beforeAll(async () => {
    pg = await startTestPostgres();
    peer = await PostgresStore.open({ url: pg.url, pollIntervalMs: 200 });
  });
  afterAll(async () => {
    await peer?.close();
    await pg?.stop();
  });
  /** Stops what a test started, whether it passed or not. */
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const started = async (cache: WatchCache) => {
    await cache.start();
    cleanups.push(() => cache.stop());
    return cache;
  };
  const opened = async () => {
    const store = await PostgresStore.open({ url: pg.url, pollIntervalMs: 200 });
    cleanups.push(() => store.close());
    return store;
  };

  it('after a restart, replays every missed change once and in order, with selectors, while writes go on', async () => {
    // The watches of a client that never lost its connection, for comparison.
    const reference = await started(newCache(peer));
    const first = await opened();
    for (let i = 0; i < 300; i++) await write(first, i);
    const from = await first.currentRevision();
    const unbroken = selections.map((s) => slowWatch(reference, { ...s, fromRevision: from }));
    for (let i = 300; i < 1500; i++) await write(i % 2 ? first : peer, i);
    // The apiserver goes away; the other one keeps writing.
    await first.close();
    for (let i = 1500; i < 2000; i++) await write(peer, i);

    // It comes back on the same database: a new store and a new cache, whose window starts now.
    const restarted = await opened();
    const cache = await started(newCache(restarted, { replayPageSize: 50 }));
    const history = jest.spyOn(restarted, 'history');
    const resumed = selections.map((s) => slowWatch(cache, { ...s, fromRevision: from }));
    // Writes through both apiservers while the replay runs.
    let i = 2000;
    while (lastRevision(resumed[0].events) < cache.revision || i < 2300) await write(i++ % 2 ? restarted : peer, i);
    const end = await peer.currentRevision();
    await waitFor('the unselected watches to reach the last write', () =>
      [unbroken[0], resumed[0]].every((w) => lastRevision(w.events) >= end),
    );
    await waitFor('the selected watches to settle', async () => {
      const counts = () => [...unbroken, ...resumed].map((w) => w.events.length).join();
      const before = counts();
      await new Promise((r) => setTimeout(r, 300));
      return counts() === before;
    });

    // Every revision of the prefix after `from`, once and in order.
    const all = await peer.history(PODS, from, end, 100_000);
    expect(resumed[0].events.map((e) => Number((e.object as KubeObject).metadata.resourceVersion))).toEqual(
      all.map((e) => e.revision),
    );
    for (const [k, watch] of resumed.entries()) {
      expect(watch.events.length).toBeGreaterThan(100);
      expect(summary(watch.events)).toEqual(summary(unbroken[k].events));
    }
    // Paged: about (1500 + the writes during the replay) / 50 reads for the unselected watch.
    expect(history.mock.calls.length).toBeGreaterThan(4 * 20);
    expect(history.mock.calls.every(([, , , limit]) => limit === 50)).toBe(true);
  });

  it('holds one page per replaying watch whose client does not read', async () => {
    const from = await peer.currentRevision();
    for (let i = 0; i < 400; i++) await write(peer, i);
    const cache = await started(newCache(peer, { eventWindow: 10, replayPageSize: 100 }));
    const history = jest.spyOn(peer, 'history');
    const stuck = Array.from({ length: 50 }, () =>
      cache.watch({ fromRevision: from }, () => new Promise(() => undefined)),
    );
    await waitFor('each watch to read its first page', () => history.mock.calls.length >= 50);
    await new Promise((r) => setTimeout(r, 300));
    expect(history.mock.calls.length).toBe(50);
    history.mockRestore();
    for (const w of stuck) w.unsubscribe();
  });

  it('answers 410 below the compaction point, and replays from it', async () => {
    const before = await peer.currentRevision();
    for (let i = 0; i < 50; i++) await write(peer, i);
    const point = await peer.currentRevision();
    for (let i = 50; i < 60; i++) await write(peer, i);
    await peer.compact(point);
    const cache = await started(newCache(peer));

    const expired: WatchEvent[] = [];
    const old = cache.watch({ fromRevision: before }, (e) => void expired.push(e));
    expect(await old.done).toBe('error');
    expect(expired.map((e) => e.object)).toEqual([
      expect.objectContaining({
        code: 410,
        reason: 'Expired',
        message: `too old resource version: ${before} (${point})`,
      }),
    ]);

    const fromPoint = slowWatch(cache, { fromRevision: point });
    const end = await peer.currentRevision();
    await waitFor('the watch from the compaction point to catch up', () => lastRevision(fromPoint.events) >= end);
    const all = await peer.history(PODS, point, end, 1000);
    expect(fromPoint.events.map((e) => Number((e.object as KubeObject).metadata.resourceVersion))).toEqual(
      all.map((e) => e.revision),
    );
    fromPoint.handle.unsubscribe();
  });
});
