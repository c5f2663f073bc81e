// Run as root, the apiserver keeps files (its pid, the store role's password) in the embedded
// server's data directory, which belongs to the `postgres` user. That user plants links there
// between two starts: the apiserver must neither overwrite a file of root's through one nor read
// one into a password that the server it runs (and that user controls) gets to see.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubenestProcess, launchKubenest } from './resilience-support/kubenest-process';

jest.setTimeout(180_000);

const postgresUser = () => ({
  uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
  gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
});

describe("links in the embedded PostgreSQL's data directory", () => {
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
    first = await launchKubenest();
    launched.push(first);
    await first.interrupt();
  });

  afterAll(async () => {
    for (const run of launched.slice(1)) await run.interrupt();
    await first?.destroy();
    rmSync(rootOnly, { recursive: true, force: true });
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
