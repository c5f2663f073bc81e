// The embedded PostgreSQL as the control plane runs it: a server left running by a killed run is
// stopped first; the server listens on no TCP address, only on a Unix socket in its private data
// directory; the store connects as its own role, with connection slots kept for it; and the
// server is started again when it dies.
import { randomBytes } from 'crypto';
import * as path from 'path';
import { DEFAULT_POOL_SIZE } from './data-source';
import { prepareEmbeddedCluster } from './embedded-postgres';
import { claimPostmaster, stopLeftoverPostmaster } from './leftover-postmaster';
import { PostgresSupervisor } from './postgres-supervisor';
import { readServerDirFile, writeServerDirFile } from './server-dir-files';
import { ensureStoreRole, STORE_DATABASE, STORE_ROLE } from './store-role';

export interface SupervisedPostgresOptions {
  dataDir: string;
  /** Names the server's socket (.s.PGSQL.<port>); no TCP port is opened. */
  port: number;
}

export interface SupervisedPostgres {
  /** The store role's URL, over the Unix socket. */
  url: string;
  /** The directory holding the server's socket. */
  socketDir: string;
  /** When the server went down (ms since the epoch), or undefined while it runs. */
  downSince(): number | undefined;
  stop(): Promise<void>;
}

const ROLE_PASSWORD_FILE = 'kubenest-store-password';

/** The store's pool and the revision listener's LISTEN connection. */
const STORE_CONNECTIONS = DEFAULT_POOL_SIZE + 1;

async function rolePassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, ROLE_PASSWORD_FILE);
  try {
    return (await readServerDirFile(file)).trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    const password = randomBytes(18).toString('base64url');
    await writeServerDirFile(file, password);
    return password;
  }
}

export async function startSupervisedPostgres(options: SupervisedPostgresOptions): Promise<SupervisedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  await stopLeftoverPostmaster(dataDir);
  const cluster = await prepareEmbeddedCluster({
    dataDir,
    port: options.port,
    socketOnly: true,
    settings: { reserved_connections: String(STORE_CONNECTIONS) },
  });
  await claimPostmaster(dataDir);
  const supervisor = new PostgresSupervisor(() => cluster.start());
  const stop = async () => {
    await supervisor.stop();
    await cluster.release();
  };
  try {
    await supervisor.run();
    const password = await rolePassword(dataDir);
    await ensureStoreRole(cluster.superuserUrl, password);
    return {
      url: cluster.urlFor(STORE_ROLE, password, STORE_DATABASE),
      socketDir: cluster.socketDir!,
      downSince: () => supervisor.downSince(),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
