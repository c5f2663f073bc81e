// The health endpoints answer anyone: as kube-apiserver's, they say which check failed and keep
// the reason (the database's socket path or host, its error) for the log.
import { join } from 'node:path';
import { waitFor } from '@kubenest/testing/wait';
import { httpsRequest } from './support/https-client';
import { KubenestProcess, launchKubenest } from './resilience-support/kubenest-process';
import { postgresProcessesFor } from './resilience-support/postgres-processes';

jest.setTimeout(120_000);

describe('health endpoints while the store is down', () => {
  let server: KubenestProcess;
  let frozen: number | undefined;

  beforeAll(async () => {
    server = await launchKubenest();
  });

  afterAll(async () => {
    if (frozen) process.kill(frozen, 'SIGCONT');
    await server?.destroy();
  });

  it('tell an anonymous client /readyz failed, not why', async () => {
    const pgDir = join(server.dataDir, 'pg');
    const [postmaster] = postgresProcessesFor(pgDir).filter((p) => p.args.includes(` -D ${pgDir} `));
    // A frozen child keeps the killed postmaster's shared memory: it cannot start again meanwhile.
    frozen = postgresProcessesFor(pgDir).find((p) => p.ppid === postmaster.pid && /checkpointer/.test(p.args))!.pid;
    process.kill(frozen, 'SIGSTOP');
    process.kill(postmaster.pid, 'SIGKILL');
    const answer = await waitFor(
      '/readyz to fail',
      async () => {
        const res = await httpsRequest({ port: server.port, caPem: server.caPem }, { path: '/readyz' });
        return res.status === 200 ? undefined : res;
      },
      20_000,
      200,
    );
    expect({ status: answer.status, body: answer.text }).toEqual({
      status: 503,
      body: '[-]store failed: reason withheld\nreadyz check failed\n',
    });
    await waitFor('the reason in the log', () => /readyz check failed: \[-\]store failed: \S/.test(server.output()));
  });
});
