// The store across a PostgreSQL restart: in-flight writes fail 'unavailable', acknowledged ones
// survive, new writes work once it is back, and watches resume without loss or duplication.
import { startTestPostgres, TestPostgres } from '@kubenest/testing/postgres';
import { PostgresStore } from './postgres-store';
import { KeyValue, StoreEvent } from './store';
import { StoreError } from './store-error';

describe('PostgresStore across a PostgreSQL restart', () => {
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

  it('fails in-flight writes with unavailable, keeps acknowledged ones, and resumes watches', async () => {
    const from = await store.currentRevision();
    const events: StoreEvent[] = [];
    const errors: Error[] = [];
    const watcher = store.watch('/r/', from, { onEvents: (e) => events.push(...e), onError: (e) => errors.push(e) });

    const acknowledged: KeyValue[] = [];
    const failures: unknown[] = [];
    let writing = true;
    const writers = Array.from({ length: 8 }, (_, w) =>
      (async () => {
        for (let i = 0; writing; i++) {
          try {
            acknowledged.push(await store.create(`/r/${w}/${i}`, 'x'.repeat(500)));
          } catch (error) {
            failures.push(error);
            await new Promise((r) => setTimeout(r, 20));
          }
        }
      })(),
    );

    await new Promise((r) => setTimeout(r, 300));
    await pg.halt();
    await new Promise((r) => setTimeout(r, 500));
    await pg.start();
    await new Promise((r) => setTimeout(r, 1500));
    writing = false;
    await Promise.all(writers);

    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) expect(StoreError.is(failure, 'unavailable')).toBe(true);
    const afterRestart = await store.create('/r/after', 'y');

    const last = await store.currentRevision();
    await waitFor(() => events.length > 0 && events[events.length - 1].revision >= last);
    watcher.stop();
    expect(errors).toEqual([]);
    const revisions = events.map((e) => e.revision);
    expect(revisions).toEqual(Array.from({ length: last - from }, (_, i) => from + 1 + i));

    const stored = await store.list({ prefix: '/r/' });
    const storedKeys = new Set(stored.items.map((i) => i.key));
    for (const kv of [...acknowledged, afterRestart]) expect(storedKeys.has(kv.key)).toBe(true);
    expect(acknowledged.length).toBeGreaterThan(0);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
