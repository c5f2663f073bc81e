// The embedded PostgreSQL as the control plane runs it: the store connects as its own role over a
// private socket, a data dir made before that role is moved over, slots are kept for the role,
// a killed server is started again, and a server left by a killed run is stopped first.
import { spawn } from 'child_process';
import { promises as fs, readFileSync } from 'fs';
import { connect } from 'net';
import { tmpdir } from 'os';
import * as path from 'path';
import { Client } from 'pg';
import { freePort } from '@kubenest/testing/postgres';
import { waitFor } from '@kubenest/testing/wait';
import { prepareEmbeddedCluster } from './embedded-postgres';
import { claimPostmaster, leftoverPostmaster, stopLeftoverPostmaster } from './leftover-postmaster';
import { PostgresStore } from './postgres-store';
import { startSupervisedPostgres, SupervisedPostgres } from './supervised-postgres';

const query = async (url: string, sql: string, params: unknown[] = []) => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
};

const postmasterPid = (dataDir: string) =>
  Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);

const tcpOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('startSupervisedPostgres', () => {
  let root: string;
  const running: SupervisedPostgres[] = [];

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(tmpdir(), 'kubenest-supervised-'));
    // The server runs as the postgres user when we are root: it must reach its data dir.
    await fs.chmod(root, 0o755);
  });
  afterAll(async () => {
    for (const pg of running) await pg.stop();
    await fs.rm(root, { recursive: true, force: true });
  });

  const start = async (dataDir: string, port: number) => {
    const pg = await startSupervisedPostgres({ dataDir, port });
    running.push(pg);
    return pg;
  };

  it('moves a data dir made before the store role over; the store connects as that role, over a socket only', async () => {
    const dataDir = path.join(root, 'old');
    const port = await freePort();
    // As the old code ran it: TCP, the store as superuser in database postgres.
    const old = await prepareEmbeddedCluster({ dataDir, port });
    const oldServer = await old.start();
    const oldStore = await PostgresStore.open({ url: old.superuserUrl });
    const kept = await oldStore.create('/kept', 'yes');
    await oldStore.close();
    await oldServer.stop();

    const pg = await start(dataDir, port);
    const store = await PostgresStore.open({ url: pg.url });
    try {
      expect(await store.get('/kept')).toEqual(kept);
      await store.create('/new', 'also');
    } finally {
      await store.close();
    }
    expect(
      await query(
        pg.url,
        'SELECT current_user AS who, current_database() AS db, rolsuper FROM pg_roles WHERE rolname = current_user',
      ),
    ).toEqual([{ who: 'kubenest', db: 'kubenest', rolsuper: false }]);
    expect(
      await query(
        pg.url,
        "SELECT tablename, tableowner FROM pg_tables WHERE schemaname = 'public' AND tableowner <> 'kubenest'",
      ),
    ).toEqual([]);
    expect(await tcpOpen(port)).toBe(false);
    expect(pg.url).toContain(`host=${encodeURIComponent(dataDir)}`);
  });

  it('keeps connection slots for the store role when other roles take the rest', async () => {
    const dataDir = path.join(root, 'slots');
    const pg = await start(dataDir, await freePort());
    const superuserUrl = pg.url
      .replace(
        /^postgresql:\/\/kubenest:[^@]+@/,
        `postgresql://postgres:${encodeURIComponent(readFileSync(path.join(dataDir, 'kubenest-password'), 'utf8').trim())}@`,
      )
      .replace('/kubenest?', '/postgres?');
    await query(superuserUrl, "CREATE ROLE intruder LOGIN PASSWORD 'intruder'");
    const intruderUrl = superuserUrl.replace(/^postgresql:\/\/postgres:[^@]+@/, 'postgresql://intruder:intruder@');
    const intruders: Client[] = [];
    try {
      for (;;) {
        const client = new Client({ connectionString: intruderUrl });
        try {
          await client.connect();
        } catch (e) {
          expect((e as Error).message).toMatch(
            /reserved for roles with privileges of the "pg_use_reserved_connections" role/,
          );
          break;
        }
        intruders.push(client);
      }
      expect(intruders.length).toBeGreaterThan(50);
      const store = await PostgresStore.open({ url: pg.url });
      try {
        const written = await Promise.all(Array.from({ length: 30 }, (_, i) => store.create(`/slots/${i}`, 'x')));
        expect(written).toHaveLength(30);
      } finally {
        await store.close();
      }
    } finally {
      await Promise.all(intruders.map((c) => c.end()));
    }
  });

  it('starts a killed server again and says since when it was down', async () => {
    const dataDir = path.join(root, 'killed');
    const pg = await start(dataDir, await freePort());
    expect(pg.downSince()).toBeUndefined();
    const killedAt = Date.now();
    process.kill(postmasterPid(dataDir), 'SIGKILL');
    await waitFor('the supervisor to notice', () => pg.downSince() !== undefined, 5_000, 10);
    expect(pg.downSince()).toBeGreaterThanOrEqual(killedAt);
    await waitFor('the server to be back', () => pg.downSince() === undefined, 20_000, 50);
    expect(await query(pg.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('stops a server left running on its data dir by a killed run, and no other process nor a running one', async () => {
    const dataDir = path.join(root, 'leftover');
    const cluster = await prepareEmbeddedCluster({ dataDir, port: await freePort(), socketOnly: true });
    const left = await cluster.start();
    expect(leftoverPostmaster(dataDir)).toBe(left.pid);
    // While the apiserver that started it (here: this process) runs, it is not a leftover.
    await claimPostmaster(dataDir);
    await expect(stopLeftoverPostmaster(dataDir)).rejects.toThrow(`is run by another apiserver (pid ${process.pid})`);
    await fs.writeFile(path.join(dataDir, 'kubenest-owner.pid'), '999999999\n');
    expect(await stopLeftoverPostmaster(dataDir)).toBe(left.pid);
    expect(await left.exited).toBe('code 0');
    expect(leftoverPostmaster(dataDir)).toBeUndefined();

    // A stale postmaster.pid naming a live process that is no postgres (a reused pid).
    const other = spawn('sleep', ['30']);
    try {
      await fs.writeFile(path.join(dataDir, 'postmaster.pid'), `${other.pid}\n${dataDir}\n`);
      expect(await stopLeftoverPostmaster(dataDir)).toBeUndefined();
      expect(other.exitCode).toBeNull();
      const pg = await start(dataDir, cluster.port);
      expect(await query(pg.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      other.kill();
    }
  });
});
