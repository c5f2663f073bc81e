// Starts the built control plane (dist/) as `npm start` does, in a fresh data directory on a
// free port, for end-to-end tests driven by real clients.
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { request } from 'node:https';
import { freePort } from './postgres';

export interface KubenestServer {
  url: string;
  port: number;
  dataDir: string;
  kubeconfig: string;
  token: string;
  caPem: string;
  /** The server process, e.g. for reading its CPU time. */
  pid: number;
  output: () => string;
  stop(): Promise<void>;
}

const readyz = (port: number): Promise<boolean> =>
  new Promise((done) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/readyz', rejectUnauthorized: false, timeout: 2000 },
      (res) => {
        res.resume();
        done(res.statusCode === 200);
      },
    );
    req.on('error', () => done(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });

/** The checkout's root, from libs/testing or from its compiled copy in dist/libs/testing. */
const findRepoRoot = (dir: string): string =>
  existsSync(join(dir, 'package.json')) && !dir.endsWith('dist') ? dir : findRepoRoot(dirname(dir));
const repoRoot = findRepoRoot(__dirname);

export interface StartOptions {
  /** Node.js flags for the server process, such as --cpu-prof (not all are allowed in NODE_OPTIONS). */
  nodeArgs?: string[];
}

export const startKubenest = async (
  env: Record<string, string> = {},
  { nodeArgs = [] }: StartOptions = {},
): Promise<KubenestServer> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kubenest-e2e-'));
  const port = await freePort();
  const pgPort = await freePort();
  let log = '';
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, join(repoRoot, 'dist/apps/apiserver/main.js')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      KUBENEST_DATA_DIR: dataDir,
      KUBENEST_PORT: String(port),
      KUBENEST_POSTGRES_PORT: String(pgPort),
      KUBENEST_LOCAL_AGENT: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (log += d.toString()));
  child.stderr!.on('data', (d) => (log += d.toString()));
  const deadline = Date.now() + 120_000;
  while (!(await readyz(port))) {
    if (child.exitCode !== null) throw new Error(`kubenest exited with ${child.exitCode}:\n${log}`);
    if (Date.now() > deadline) throw new Error(`kubenest did not become ready:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    dataDir,
    kubeconfig: join(dataDir, 'admin.kubeconfig'),
    token: readFileSync(join(dataDir, 'admin.token'), 'utf8').trim(),
    caPem: readFileSync(join(dataDir, 'pki', 'ca.crt'), 'utf8'),
    pid: child.pid!,
    output: () => log,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGINT');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000).unref())]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
