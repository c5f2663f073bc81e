// The embedded PostgreSQL: first start creates the cluster (even under a private parent
// directory when we are root), a second start reuses it with its data, and a first start that
// ended half-way leaves nothing that stops the next one.
import { promises as fs } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Client } from 'pg';
import { freePort } from '@kubenest/testing/postgres';
import { embeddedBinDir, startEmbeddedPostgres } from './embedded-postgres';

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

  it('starts after a first start that was killed once initdb had run', async () => {
    const parent = path.join(root, 'killed-init');
    const dataDir = path.join(parent, 'data');
    // initdb completes, then its process is killed, as the apiserver could be at that moment.
    const binDir = path.join(root, 'initdb-then-killed');
    await fs.mkdir(binDir, { mode: 0o755 });
    const initdb = path.join(binDir, 'initdb');
    await fs.writeFile(initdb, `#!/bin/sh\n"${path.join(embeddedBinDir(), 'initdb')}" "$@" && kill -KILL $$\n`);
    await fs.chmod(initdb, 0o755);
    const port = await freePort();
    await expect(startEmbeddedPostgres({ dataDir, port, binDir })).rejects.toThrow(/initdb failed/);

    const pg = await startEmbeddedPostgres({ dataDir, port });
    try {
      expect(await query(pg.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await pg.stop();
    }
    expect(await fs.readdir(parent)).toEqual(['data']);
  });

  it('creates no cluster over a directory that holds other files', async () => {
    const dataDir = path.join(root, 'occupied');
    await fs.mkdir(dataDir);
    await fs.writeFile(path.join(dataDir, 'notes.txt'), 'mine');
    await expect(startEmbeddedPostgres({ dataDir, port: await freePort() })).rejects.toThrow(
      `${dataDir} holds files but no PostgreSQL cluster: refusing to create one there`,
    );
    expect(await fs.readdir(dataDir)).toEqual(['notes.txt']);
  });
});
