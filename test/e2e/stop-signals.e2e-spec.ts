// The apiserver's stop signals at awkward moments: a Ctrl-C during start-up stops the embedded
// PostgreSQL too (it runs in its own process group, and outlived an apiserver that died at once),
// and a second Ctrl-C ends a stop that hangs on a frozen PostgreSQL at once, as kube-apiserver
// exits on a second signal.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@kubenest/testing/postgres';
import { waitFor } from '@kubenest/testing/wait';
import { KubenestProcess, launchKubenest, newDataDir } from './resilience-support/kubenest-process';
import { postgresProcessesFor } from './resilience-support/postgres-processes';

jest.setTimeout(120_000);

const repoRoot = join(__dirname, '..', '..');

const stopPostgres = (pgDir: string) => {
  for (const { pid } of postgresProcessesFor(pgDir)) {
    try {
      process.kill(pid, 'SIGCONT');
      process.kill(pid, 'SIGQUIT');
    } catch {
      // ended meanwhile
    }
  }
};

describe('stop signals', () => {
  const dirs: string[] = [];

  afterAll(() => {
    for (const dir of dirs) {
      stopPostgres(join(dir, 'pg'));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a Ctrl-C during start-up stops the embedded PostgreSQL too', async () => {
    const dataDir = newDataDir();
    dirs.push(dataDir);
    const pgDir = join(dataDir, 'pg');
    const child = spawn(process.execPath, [join(repoRoot, 'dist/apps/apiserver/main.js')], {
      cwd: repoRoot,
      env: {
        ...process.env,
        KUBENEST_DATA_DIR: dataDir,
        KUBENEST_PORT: String(await freePort()),
        KUBENEST_POSTGRES_PORT: String(await freePort()),
        KUBENEST_LOCAL_AGENT: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const ended = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    // The moment its PostgreSQL runs, well before the apiserver serves.
    await waitFor('its PostgreSQL', () => postgresProcessesFor(pgDir).length > 0, 60_000, 10);
    child.kill('SIGINT');
    const ending = await ended;
    await waitFor('its PostgreSQL to end', () => postgresProcessesFor(pgDir).length === 0, 15_000, 100).catch(
      () => undefined,
    );
    expect({
      ending,
      serving: output.includes('Kubenest is serving on'),
      left: postgresProcessesFor(pgDir).map((p) => p.args),
    }).toEqual({ ending: { code: 0, signal: null }, serving: false, left: [] });
  });

  describe('with a frozen PostgreSQL', () => {
    let server: KubenestProcess;

    beforeAll(async () => {
      server = await launchKubenest();
      dirs.push(server.dataDir);
    });

    it('a second Ctrl-C ends a stop that hangs, and its PostgreSQL still stops', async () => {
      const pgDir = join(server.dataDir, 'pg');
      const frozen = postgresProcessesFor(pgDir);
      for (const { pid } of frozen) process.kill(pid, 'SIGSTOP');
      process.kill(server.pid, 'SIGINT');
      await new Promise((r) => setTimeout(r, 1_500));
      expect(server.ending()).toBeUndefined();
      const second = Date.now();
      const ending = await server.interrupt({ timeoutMs: 10_000 });
      const took = Date.now() - second;
      expect({ ending, killedByLauncher: server.output().includes('[launcher] no exit') }).toEqual({
        ending: { code: 1, signal: null },
        killedByLauncher: false,
      });
      expect(took).toBeLessThan(5_000);
      for (const { pid } of frozen) process.kill(pid, 'SIGCONT');
      await waitFor('its PostgreSQL to end', () => postgresProcessesFor(pgDir).length === 0, 30_000, 100);
    });
  });
});
