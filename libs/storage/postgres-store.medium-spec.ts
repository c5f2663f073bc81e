// The store's read and write semantics on a real PostgreSQL.
import { startTestPostgres, TestPostgres } from '@kubenest/testing/postgres';
import { createDataSource } from './data-source';
import { PostgresStore } from './postgres-store';
import { StoreEvent } from './store';
import { StoreError } from './store-error';

describe('PostgresStore', () => {
  let pg: TestPostgres;
  let store: PostgresStore;

  beforeAll(async () => {
    pg = await startTestPostgres();
    store = await PostgresStore.open({ url: pg.url, pollIntervalMs: 200 });
  });
  afterAll(async () => {
    await store.close();
    await pg.stop();
  });

  it.each([
    { name: 'create of an existing key', act: (s: PostgresStore) => s.create('/err/x', '{}'), code: 'exists' },
    {
      name: 'update of a missing key',
      act: (s: PostgresStore) => s.update('/err/missing', '{}', {}),
      code: 'not-found',
    },
    { name: 'delete of a missing key', act: (s: PostgresStore) => s.delete('/err/missing'), code: 'not-found' },
    {
      name: 'update at a stale revision',
      act: (s: PostgresStore) => s.update('/err/x', '{}', { modRevision: 1 }),
      code: 'conflict',
    },
    {
      name: 'delete at a stale revision',
      act: (s: PostgresStore) => s.delete('/err/x', { modRevision: 1 }),
      code: 'conflict',
    },
  ])('fails $name with $code', async ({ act, code }) => {
    if (!(await store.get('/err/x'))) await store.create('/err/x', '{}');
    const before = await store.currentRevision();
    await expect(act(store)).rejects.toMatchObject({ name: 'StoreError', code });
    expect(await store.currentRevision()).toBe(before);
  });

  it('decides concurrent writes to one key in order, failing only the losers', async () => {
    const kv = await store.create('/batch/a', '0');
    const results = await Promise.allSettled([
      store.update('/batch/a', '1', { modRevision: kv.modRevision }),
      store.update('/batch/a', '2', { modRevision: kv.modRevision }),
      store.create('/batch/b', 'b'),
      store.delete('/batch/a'),
      store.create('/batch/a', 'again'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    const revisions = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.modRevision] : []));
    expect(revisions).toEqual([kv.modRevision + 1, kv.modRevision + 2, kv.modRevision + 3, kv.modRevision + 4]);
    expect(await store.get('/batch/a')).toMatchObject({ value: 'again', createRevision: kv.modRevision + 4 });
  });

  it('decides each op of one batch on its own, giving revisions to the successes only', async () => {
    const [a, b] = [await store.create('/mixed/a', 'a'), await store.create('/mixed/b', 'b')];
    const events: StoreEvent[] = [];
    const watcher = store.watch('/mixed/', b.modRevision, { onEvents: (e) => events.push(...e), onError: fail });
    const base = await store.currentRevision();
    // Submitted in one turn of the event loop, so they share one transaction.
    const results = await Promise.allSettled([
      store.create('/mixed/c', 'c'),
      store.create('/mixed/a', 'dup'),
      store.update('/mixed/a', 'a2', { modRevision: a.modRevision }),
      store.update('/mixed/b', 'b2', { modRevision: a.modRevision }),
      store.delete('/mixed/missing'),
      store.delete('/mixed/b', { modRevision: b.modRevision }),
      store.update('/mixed/missing', 'x', {}),
    ]);
    expect(
      results.map((r) => (r.status === 'fulfilled' ? r.value.modRevision : (r.reason as StoreError).code)),
    ).toEqual([base + 1, 'exists', base + 2, 'conflict', 'not-found', base + 3, 'not-found']);
    expect(results[1]).toMatchObject({ reason: { current: { modRevision: a.modRevision } } });
    expect(results[3]).toMatchObject({ reason: { current: { modRevision: b.modRevision } } });
    expect(results[5]).toEqual({
      status: 'fulfilled',
      value: { key: '/mixed/b', value: 'b', createRevision: b.createRevision, modRevision: base + 3 },
    });
    expect(await store.currentRevision()).toBe(base + 3);
    expect((await store.list({ prefix: '/mixed/' })).items.map((i) => [i.key, i.value])).toEqual([
      ['/mixed/a', 'a2'],
      ['/mixed/c', 'c'],
    ]);

    await waitFor(() => events.length >= 3);
    watcher.stop();
    const fromHistory: StoreEvent[] = [];
    const replay = store.watch('/mixed/', b.modRevision, { onEvents: (e) => fromHistory.push(...e), onError: fail });
    await waitFor(() => fromHistory.length >= 3);
    replay.stop();
    expect(events).toEqual(fromHistory);
    expect(events.map((e) => [e.type, e.key, e.revision, e.prevValue])).toEqual([
      ['put', '/mixed/c', base + 1, undefined],
      ['put', '/mixed/a', base + 2, 'a'],
      ['delete', '/mixed/b', base + 3, 'b'],
    ]);
  });

  it.each([
    { name: 'writes', limits: { maxBatch: 2 } },
    { name: 'characters', limits: { maxBatchChars: 10 } },
  ])('splits batches at the most $name allowed, keeping revisions contiguous', async ({ name, limits }) => {
    const small = await PostgresStore.open({ url: pg.url, migrate: false, groupCommit: { ...limits, maxInFlight: 1 } });
    try {
      const results = await Promise.all(
        Array.from({ length: 7 }, (_, i) => small.create(`/split/${name}/${i}`, 'value-of-eight')),
      );
      const revisions = results.map((kv) => kv.modRevision);
      expect(revisions).toEqual(Array.from({ length: 7 }, (_, i) => revisions[0] + i));
    } finally {
      await small.close();
    }
  });

  it('consumes no revision and notifies nothing when every op of a batch fails', async () => {
    const before = await store.currentRevision();
    const results = await Promise.allSettled([store.delete('/none/x'), store.update('/none/y', '1', {})]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await store.currentRevision()).toBe(before);
    expect(await store.create('/none/x', '1')).toMatchObject({ modRevision: before + 1 });
  });

  it.each([
    { name: 'quotes', value: `it's "quoted" ''` },
    { name: 'backslashes', value: String.raw`C:\path\n \' \\` },
    { name: 'dollar quotes and SQL', value: `$$; $x$ '); DROP TABLE store_current; --` },
    { name: 'a dollar-quote tag', value: `$kn_0123456789abcdef$'); DROP TABLE store_current; --$` },
    { name: 'JSON with escapes', value: JSON.stringify({ s: 'a"b\\c\n\u0001', u: 'ünï €' }) },
    { name: 'emoji and newlines', value: '🚀\n\r\t line' },
  ])('keeps a value with $name byte for byte, in the store and in watch events', async ({ name, value }) => {
    const key = `/bytes/${name}`;
    const from = await store.currentRevision();
    const created = await store.create(key, value);
    const updated = await store.update(key, `${value}!`, { modRevision: created.modRevision });
    expect(created.value).toBe(value);
    expect(await store.get(key)).toEqual(updated);
    expect(updated.value).toBe(`${value}!`);
    const events: StoreEvent[] = [];
    const watcher = store.watch(key, from, { onEvents: (e) => events.push(...e), onError: fail });
    await waitFor(() => events.length >= 2);
    watcher.stop();
    expect(events.map((e) => [e.value, e.prevValue])).toEqual([
      [value, undefined],
      [`${value}!`, value],
    ]);
  });

  it('reads history a page at a time: a prefix, bounds, a limit, prev values', async () => {
    const start = await store.currentRevision();
    const a = await store.create('/history/a', '1');
    await store.create('/historyx/other', 'o');
    await store.update('/history/a', '2', {});
    const b = await store.create('/history/b', 'b');
    await store.delete('/history/a');
    const end = await store.currentRevision();
    const summary = (events: StoreEvent[]) =>
      events.map((e) => `${e.type} ${e.key}@${e.revision}<${e.prevValue ?? ''}`);

    expect(summary(await store.history('/history/', start, end, 10))).toEqual([
      `put /history/a@${a.modRevision}<`,
      `put /history/a@${a.modRevision + 2}<1`,
      `put /history/b@${b.modRevision}<`,
      `delete /history/a@${end}<2`,
    ]);
    expect(summary(await store.history('/history/', start, end, 2))).toEqual([
      `put /history/a@${a.modRevision}<`,
      `put /history/a@${a.modRevision + 2}<1`,
    ]);
    expect(summary(await store.history('/history/', a.modRevision + 2, b.modRevision, 10))).toEqual([
      `put /history/b@${b.modRevision}<`,
    ]);
    expect(await store.history('/history/', end, end + 5, 10)).toEqual([]);
    expect((await store.history('', start, end, 10)).map((e) => e.key)).toContain('/historyx/other');
  });

  it('reads at most its limit of history pages at once; the rest wait', async () => {
    const dataSource = createDataSource(pg.url);
    await dataSource.initialize();
    const gated = await PostgresStore.open({ url: pg.url, dataSource, migrate: false, concurrentHistoryReads: 2 });
    try {
      const start = await gated.currentRevision();
      await gated.create('/gated/a', '1');
      const query = dataSource.query.bind(dataSource);
      let running = 0;
      let most = 0;
      const spy = jest.spyOn(dataSource, 'query').mockImplementation(async (...args: Parameters<typeof query>) => {
        // Only the history reads: the tailer's polls share the pool.
        const mine = args[1]?.[0] === '/gated/';
        if (mine) most = Math.max(most, ++running);
        try {
          return await query(...args);
        } finally {
          if (mine) running--;
        }
      });
      const pages = await Promise.all(Array.from({ length: 8 }, () => gated.history('/gated/', start, start + 1, 10)));
      spy.mockRestore();
      expect(pages.map((p) => p.length)).toEqual(Array(8).fill(1));
      expect(most).toBe(2);
    } finally {
      await gated.close();
      await dataSource.destroy();
    }
  });

  it('never queries for a history page whose reader left while it waited its turn', async () => {
    const dataSource = createDataSource(pg.url);
    await dataSource.initialize();
    const gated = await PostgresStore.open({ url: pg.url, dataSource, migrate: false, concurrentHistoryReads: 1 });
    try {
      const start = await gated.currentRevision();
      await gated.create('/left/a', '1');
      const query = dataSource.query.bind(dataSource);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let queries = 0;
      const spy = jest.spyOn(dataSource, 'query').mockImplementation(async (...args: Parameters<typeof query>) => {
        // Only the history reads (the tailer's polls share the pool); the first holds the one slot.
        if (args[1]?.[0] === '/left/' && ++queries === 1) await held;
        return query(...args);
      });
      const first = gated.history('/left/', start, start + 1, 10);
      const readers = Array.from({ length: 5 }, () => new AbortController());
      const left = readers.map((reader) => gated.history('/left/', start, start + 1, 10, reader.signal));
      readers.forEach((reader) => reader.abort());
      release();
      const outcomes = await Promise.allSettled(left);
      expect((await first).map((e) => e.key)).toEqual(['/left/a']);
      spy.mockRestore();
      expect(outcomes.map((o) => o.status)).toEqual(Array(5).fill('rejected'));
      expect(queries).toBe(1);
    } finally {
      await gated.close();
      await dataSource.destroy();
    }
  });
});

function fail(error: Error): never {
  throw error;
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
