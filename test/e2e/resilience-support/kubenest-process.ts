// Starts the built control plane like libs/testing's startKubenest, but on a data directory the
// test chooses and keeps, exposing the process so a test can see it is alive and how it ended.
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@kubenest/testing/postgres';
import { httpsRequest } from '../support/https-client';
import { postgresProcessesFor } from './postgres-processes';

export interface KubenestProcessOptions {
  /** An existing data directory to reuse; default: a fresh one under the temp dir. */
  dataDir?: string;
  /** Default: a free port. Reuse a previous run's port so its kubeconfig stays valid. */
  port?: number;
  /** The embedded PostgreSQL's port (unused with DATABASE_URL); default: a free port. */
  postgresPort?: number;
  env?: Record<string, string>;
  readyTimeoutMs?: number;
  /** Run `npm start` (the build, then the server) as a user does, instead of the built server. */
  npmStart?: boolean;
}

export interface Ending {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface KubenestProcess {
  url: string;
  port: number;
  postgresPort: number;
  dataDir: string;
  pid: number;
  kubeconfig: string;
  token: string;
  caPem: string;
  /** Everything the server printed so far. */
  output: () => string;
  /** How the process ended, or undefined while it runs. */
  ending: () => Ending | undefined;
  /** SIGINT (or `signal`) to the server alone (as startKubenest does) or to its whole process group,
   * as a terminal's Ctrl-C does; SIGKILL after timeoutMs. Resolves with how it ended. Keeps the data dir. */
  interrupt: (options?: { processGroup?: boolean; timeoutMs?: number; signal?: NodeJS.Signals }) => Promise<Ending>;
  /** Interrupts if still running, stops a PostgreSQL it left behind, deletes the data directory. */
  destroy: () => Promise<void>;
}

/** The checkout's root, from this folder. */
const repoRoot = join(__dirname, '..', '..', '..');

export const newDataDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'kubenest-resilience-'));
  // The embedded server runs as the postgres user when we are root: it must reach its pg/ dir.
  chmodSync(dir, 0o755);
  return dir;
};

const removeDataDir = (dataDir: string): void => {
  // A killed server leaves its embedded PostgreSQL running: stop that one, by its pid.
  for (const leftover of postgresProcessesFor(join(dataDir, 'pg'))) {
    try {
      process.kill(leftover.pid, 'SIGQUIT');
    } catch {
      // gone since it was listed: its postmaster took it down
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
};

export const launchKubenest = async (options: KubenestProcessOptions = {}): Promise<KubenestProcess> => {
  const dataDir = options.dataDir ?? newDataDir();
  const port = options.port ?? (await freePort());
  const postgresPort = options.postgresPort ?? (await freePort());
  let log = '';
  let ended: Ending | undefined;
  const [command, args] = options.npmStart
    ? ['npm', ['start']]
    : [process.execPath, [join(repoRoot, 'dist/apps/apiserver/main.js')]];
  const child: ChildProcess = spawn(command, args, {
    cwd: repoRoot,
    env: {
      ...process.env,
      KUBENEST_DATA_DIR: dataDir,
      KUBENEST_PORT: String(port),
      KUBENEST_POSTGRES_PORT: String(postgresPort),
      KUBENEST_LOCAL_AGENT: 'false',
      ...options.env,
    },
    // Its own process group, so that a Ctrl-C can be sent to it and its children together.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (log += d.toString()));
  child.stderr!.on('data', (d) => (log += d.toString()));
  const exited = new Promise<Ending>((resolve) =>
    child.once('exit', (code, signal) => {
      ended = { code, signal };
      resolve(ended);
    }),
  );
  const interrupt = async ({
    processGroup = false,
    timeoutMs = 30_000,
    signal = 'SIGINT' as NodeJS.Signals,
  } = {}): Promise<Ending> => {
    if (ended) return ended;
    process.kill(processGroup ? -child.pid! : child.pid!, signal);
    let timer: NodeJS.Timeout | undefined;
    const late = await Promise.race([
      exited,
      new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (!late) {
      child.kill('SIGKILL');
      await exited;
      log += `\n[launcher] no exit within ${timeoutMs} ms of ${signal}: killed\n`;
    }
    return ended!;
  };
  const caPath = join(dataDir, 'pki', 'ca.crt');
  const tokenPath = join(dataDir, 'admin.token');
  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
  for (;;) {
    const ready =
      existsSync(caPath) &&
      (await httpsRequest({ port, caPem: readFileSync(caPath, 'utf8') }, { path: '/readyz', timeoutMs: 2_000 }).then(
        (res) => res.status === 200,
        () => false,
      ));
    if (ready) break;
    if (ended || Date.now() > deadline) {
      const why = ended ? `exited ${JSON.stringify(ended)}` : 'did not become ready in time';
      await interrupt({ timeoutMs: 5_000 });
      if (!options.dataDir) removeDataDir(dataDir);
      throw new Error(`kubenest ${why}:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    postgresPort,
    dataDir,
    pid: child.pid!,
    kubeconfig: join(dataDir, 'admin.kubeconfig'),
    token: readFileSync(tokenPath, 'utf8').trim(),
    caPem: readFileSync(caPath, 'utf8'),
    output: () => log,
    ending: () => ended,
    interrupt,
    destroy: async () => {
      await interrupt({ timeoutMs: 20_000 });
      removeDataDir(dataDir);
    },
  };
};
