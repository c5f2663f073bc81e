// The embedded PostgreSQL: first start creates the cluster (even under a private parent
// directory when we are root), a second start reuses it with its data.
import { promises as fs } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Client } from 'pg';
import { freePort } from '../testing/postgres';
import { startEmbeddedPostgres } from './embedded-postgres';

describe('startEmbeddedPostgres', () => {
  let root: string;

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(tmpdir(), 'kubenest-embedded-'));
  });
  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  const query = async (url: string, sql: string) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };

  it('initialises a data dir below a mode-700 parent, then reuses it', async () => {
    const dataDir = path.join(root, 'nested', 'data');
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port });
    await query(first.url, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('yes')");
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir, port });
    expect(second.url).toBe(first.url);
    expect(await query(second.url, 'SELECT v FROM kept')).toEqual([{ v: 'yes' }]);
    expect((await query(second.url, 'SHOW server_version'))[0].server_version).toMatch(/^18\./);
    await second.stop();
  });
});
