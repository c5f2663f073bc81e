// Concurrent writers from two store instances on one database: no lost update, and every
// watcher sees every revision exactly once, in order, with no gap.
import { startTestPostgres, TestPostgres } from '@kubenest/testing/postgres';
import { PostgresStore } from './postgres-store';
import { KeyValue, StoreEvent } from './store';
import { StoreError } from './store-error';

describe('PostgresStore under concurrency', () => {
  let pg: TestPostgres;
  let stores: PostgresStore[];

  beforeAll(async () => {
    pg = await startTestPostgres();
    stores = [await PostgresStore.open({ url: pg.url }), await PostgresStore.open({ url: pg.url })];
  });
  afterAll(async () => {
    for (const store of stores) await store.close();
    await pg.stop();
  });

  it('loses no update among compare-and-swap clients of two processes', async () => {
    await stores[0].create('/cas/counter', '0');
    const increment = async (store: PostgresStore) => {
      for (;;) {
        const kv = (await store.get('/cas/counter'))!;
        try {
          return await store.update('/cas/counter', String(Number(kv.value) + 1), { modRevision: kv.modRevision });
        } catch (error) {
          if (!StoreError.is(error, 'conflict')) throw error;
        }
      }
    };
    const clients = Array.from({ length: 8 }, (_, i) => stores[i % 2]);
    await Promise.all(
      clients.map(async (store) => {
        for (let i = 0; i < 25; i++) await increment(store);
      }),
    );
    expect((await stores[1].get('/cas/counter'))!.value).toBe('200');
  });

  it('lets exactly one of two processes create a key they race for', async () => {
    const rounds = 30;
    for (let round = 0; round < rounds; round++) {
      const key = `/race/${round}`;
      // Several ops per process, so each side's batch also holds other keys.
      const [mine, theirs] = await Promise.all(
        stores.map((store, s) =>
          Promise.allSettled([store.create(key, `from ${s}`), store.create(`/race/${round}/own-${s}`, 'x')]),
        ),
      );
      const outcomes = [mine[0], theirs[0]];
      const winners = outcomes.filter((o) => o.status === 'fulfilled');
      expect(winners).toHaveLength(1);
      const loser = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(StoreError.is(loser.reason, 'exists')).toBe(true);
      expect(await stores[0].get(key)).toEqual((winners[0] as PromiseFulfilledResult<KeyValue>).value);
      expect([mine[1].status, theirs[1].status]).toEqual(['fulfilled', 'fulfilled']);
    }
  });

  it('lets exactly one of two processes delete or update a key at one revision', async () => {
    for (let round = 0; round < 20; round++) {
      const kv = await stores[0].create(`/cas-race/${round}`, 'v');
      const results = await Promise.allSettled([
        stores[0].update(kv.key, 'from 0', { modRevision: kv.modRevision }),
        stores[1].delete(kv.key, { modRevision: kv.modRevision }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(StoreError.is(loser.reason, 'conflict') || StoreError.is(loser.reason, 'not-found')).toBe(true);
    }
  });

  it('delivers every revision exactly once, in order, to watchers on both instances', async () => {
    const from = await stores[0].currentRevision();
    const seen: StoreEvent[][] = [[], [], [], []];
    const errors: Error[] = [];
    // Two watchers per instance: one live from the start, one starting later from history.
    const watchers = [0, 1].map((i) =>
      stores[i].watch('/w/', from, { onEvents: (e) => seen[i].push(...e), onError: (e) => errors.push(e) }),
    );
    const writers = Array.from({ length: 16 }, (_, w) => async () => {
      for (let i = 0; i < 40; i++) {
        const store = stores[w % 2];
        const key = `/w/${w}/${i % 5}`;
        if (i < 5) await store.create(key, `v${i}`);
        else if (i % 7 === 0) await store.delete(key).then(() => store.create(key, 'again'));
        else await store.update(key, `v${i}`, {});
      }
    });
    const writing = Promise.all(writers.map((write) => write()));
    await new Promise((r) => setTimeout(r, 100));
    watchers.push(
      ...[0, 1].map((i) =>
        stores[i].watch('/w/', from, { onEvents: (e) => seen[2 + i].push(...e), onError: (e) => errors.push(e) }),
      ),
    );
    await writing;
    const last = await stores[0].currentRevision();
    const expected = last - from;
    await waitFor(() => seen.every((events) => events.length >= expected));
    for (const w of watchers) w.stop();

    expect(errors).toEqual([]);
    for (const events of seen) {
      expect(events.map((e) => e.revision)).toEqual(Array.from({ length: expected }, (_, i) => from + 1 + i));
    }
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[3]).toEqual(seen[0]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
