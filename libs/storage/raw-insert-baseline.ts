// The yardstick the store benchmark compares against: plain single-row autocommit INSERTs
// on the same server and pool, with none of the store's guarantees.
import { DataSource } from 'typeorm';

export async function createRawInsertTable(dataSource: DataSource): Promise<void> {
  await dataSource.query(`DROP TABLE IF EXISTS bench_raw_insert`);
  await dataSource.query(`CREATE TABLE bench_raw_insert (key text PRIMARY KEY, value text NOT NULL)`);
}

export async function rawInsert(dataSource: DataSource, key: string, value: string): Promise<void> {
  await dataSource.query(`INSERT INTO bench_raw_insert (key, value) VALUES ($1, $2)`, [key, value]);
}
