// PostgresStore against the Store contract, each test on a database of its own in one server.
import { Client } from 'pg';
import { startTestPostgres, TestPostgres } from '@kubenest/testing/postgres';
import { PostgresStore } from './postgres-store';
import { describeStoreContract } from './testing/store-contract';

let pg: TestPostgres;
let databases = 0;

beforeAll(async () => {
  pg = await startTestPostgres();
});
afterAll(async () => {
  await pg.stop();
});

const freshDatabase = async (): Promise<string> => {
  const name = `contract_${++databases}`;
  const client = new Client({ connectionString: pg.url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(pg.url);
  url.pathname = `/${name}`;
  return url.toString();
};

describeStoreContract('PostgresStore', async () =>
  PostgresStore.open({ url: await freshDatabase(), poolSize: 4, pollIntervalMs: 200 }),
);
