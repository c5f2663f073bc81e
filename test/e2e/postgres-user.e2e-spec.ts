// Run as root, the apiserver runs its embedded PostgreSQL as the `postgres` user, a user it
// must not hand root's secrets to. That user reads the server's environment in /proc: it must not
// find the apiserver's there. It owns the server's data directory, where the apiserver keeps files
// (its pid, the store role's password), and plants links there between two starts: the apiserver
// must neither overwrite a file of root's through one nor read one into a password that the server
// it runs (and that user controls) gets to see.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubenestProcess, launchKubenest } from './resilience-support/kubenest-process';
import { postgresProcessesFor } from './resilience-support/postgres-processes';

jest.setTimeout(180_000);

const postgresUser = () => ({
  uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
  gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
});

const SECRET_ENV = 'KUBENEST_E2E_ROOT_SECRET';

describe('the embedded PostgreSQL run for root by the postgres user', () => {
  let first: KubenestProcess;
  const rootOnly = mkdtempSync(join(tmpdir(), 'kubenest-root-only-'));
  const launched: KubenestProcess[] = [];

  /** As the postgres user: a symbolic link at <pg>/name to target. */
  const plant = (name: string, target: string) =>
    execFileSync('ln', ['-sfn', target, join(first.dataDir, 'pg', name)], { ...postgresUser() });

  const startAgain = async () => {
    const run = await launchKubenest({
      dataDir: first.dataDir,
      port: first.port,
      postgresPort: first.postgresPort,
      readyTimeoutMs: 60_000,
    });
    launched.push(run);
    return run;
  };

  beforeAll(async () => {
    first = await launchKubenest({ env: { [SECRET_ENV]: 'root-only-credential' } });
    launched.push(first);
  });

  afterAll(async () => {
    for (const run of launched.slice(1)) await run.interrupt();
    await first?.destroy();
    rmSync(rootOnly, { recursive: true, force: true });
  });

  it("gets none of the apiserver's environment", async () => {
    const postmaster = postgresProcessesFor(join(first.dataDir, 'pg')).find((p) => p.ppid === first.pid)!;
    const script = `process.stdout.write(require('fs').readFileSync('/proc/${postmaster.pid}/environ', 'utf8'))`;
    const environ = execFileSync(process.execPath, ['-e', script], { ...postgresUser(), cwd: '/', encoding: 'utf8' });
    expect(environ.split('\0').filter((v) => v.startsWith('KUBENEST_') || v.startsWith('HOME='))).toEqual([]);
    expect(environ).toContain('LC_ALL=C');
    await first.interrupt();
  });

  it("does not overwrite a root file through a link at its pid file's place", async () => {
    const victim = join(rootOnly, 'shadow');
    writeFileSync(victim, 'root:precious\n', { mode: 0o600 });
    plant('kubenest-owner.pid', victim);
    const run = await startAgain();
    await run.interrupt();
    expect(readFileSync(victim, 'utf8')).toBe('root:precious\n');
    expect(readFileSync(join(first.dataDir, 'pg', 'kubenest-owner.pid'), 'utf8')).toBe(`${run.pid}\n`);
  });

  it("refuses to read a root file through a link at the store password's place", async () => {
    const secret = join(rootOnly, 'id_rsa');
    writeFileSync(secret, 'root-only-key-material', { mode: 0o600 });
    plant('kubenest-store-password', secret);
    // Read as the password, it would be set as the store role's, where the postgres user sees it.
    await expect(startAgain()).rejects.toThrow(/kubenest-store-password is a symbolic link, .*: refused/);
  });
});
