// The schema migration on PostgreSQL 15 (Debian's, used by the replication tests) as well as 18.
import { existsSync } from 'fs';
import { startTestPostgres, TestPostgres } from '@kubenest/testing/postgres';
import { createDataSource } from './data-source';
import { PostgresStore } from './postgres-store';

const PG15_BIN = '/usr/lib/postgresql/15/bin';
const describeIfPg15 = existsSync(`${PG15_BIN}/postgres`) ? describe : describe.skip;

describeIfPg15('store schema on PostgreSQL 15', () => {
  let pg: TestPostgres;

  beforeAll(async () => {
    pg = await startTestPostgres({ binDir: PG15_BIN });
  });
  afterAll(async () => {
    await pg.stop();
  });

  it('migrates, serves writes, lists at a revision and compacts; migrating again is a no-op', async () => {
    const store = await PostgresStore.open({ url: pg.url });
    const a = await store.create('/m/a', '1');
    await store.update('/m/a', '2', { modRevision: a.modRevision });
    expect((await store.list({ prefix: '/m/', revision: a.modRevision })).items.map((i) => i.value)).toEqual(['1']);
    await store.compact(await store.currentRevision());
    await store.close();

    const again = await PostgresStore.open({ url: pg.url });
    expect((await again.get('/m/a'))?.value).toBe('2');
    await again.close();
  });

  it('moves current values into history and back: undone, each current row has its value again', async () => {
    const store = await PostgresStore.open({ url: pg.url });
    const b = await store.create('/u/b', 'one');
    await store.update('/u/b', 'two', { modRevision: b.modRevision });
    await store.create('/u/c', 'three');
    await store.compact(await store.currentRevision());
    await store.close();

    const dataSource = createDataSource(pg.url);
    await dataSource.initialize();
    await dataSource.undoLastMigration({ transaction: 'all' });
    const rows = await dataSource.query(`SELECT key, value FROM store_current WHERE key LIKE '/u/%' ORDER BY key`);
    expect(rows).toEqual([
      { key: '/u/b', value: 'two' },
      { key: '/u/c', value: 'three' },
    ]);
    await dataSource.destroy();

    const again = await PostgresStore.open({ url: pg.url });
    expect((await again.list({ prefix: '/u/' })).items.map((i) => i.value)).toEqual(['two', 'three']);
    await again.close();
  });
});
