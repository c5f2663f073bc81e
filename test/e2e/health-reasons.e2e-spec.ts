// The health endpoints answer anyone: as kube-apiserver's, they say which check failed and keep
// the reason (the database's socket path or host, its error) for the log; each check is also
// served alone by name, and ?exclude= leaves out a check known to fail.
import { join } from 'node:path';
import { waitFor } from '@kubenest/testing/wait';
import { httpsRequest } from './support/https-client';
import { KubenestProcess, launchKubenest } from './resilience-support/kubenest-process';
import { postgresProcessesFor } from './resilience-support/postgres-processes';

jest.setTimeout(120_000);

describe('health endpoints', () => {
  let server: KubenestProcess;
  let frozen: number | undefined;

  const get = async (path: string) => {
    const res = await httpsRequest({ port: server.port, caPem: server.caPem }, { path, headers: { Accept: '*/*' } });
    return { status: res.status, body: res.text };
  };

  beforeAll(async () => {
    server = await launchKubenest();
  });

  afterAll(async () => {
    if (frozen) process.kill(frozen, 'SIGCONT');
    await server?.destroy();
  });

  it('serve each check by name, as kube does, and 404 for a check there is not', async () => {
    for (const path of ['/livez/ping', '/livez/postgres', '/healthz/ping', '/readyz/ping', '/readyz/store'])
      expect(await get(path)).toEqual({ status: 200, body: 'ok' });
    expect(await get('/readyz?verbose')).toEqual({
      status: 200,
      body: '[+]ping ok\n[+]store ok\nreadyz check passed\n',
    });
    expect(await get('/livez?verbose&exclude=postgres&exclude=etcd')).toEqual({
      status: 200,
      body:
        '[+]ping ok\n[+]postgres excluded: ok\n' +
        'warn: some health checks cannot be excluded: no matches for "etcd"\nlivez check passed\n',
    });
    const unknown = await get('/livez/etcd');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ kind: 'Status', reason: 'NotFound', code: 404 });
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
        const res = await get('/readyz');
        return res.status === 200 ? undefined : res;
      },
      20_000,
      200,
    );
    expect(answer).toEqual({
      status: 503,
      body: '[+]ping ok\n[-]store failed: reason withheld\nreadyz check failed\n',
    });
    await waitFor('the reason in the log', () => /readyz check failed: \[-\]store failed: \S/.test(server.output()));

    expect(await get('/readyz/store')).toEqual({ status: 503, body: 'internal server error: reason withheld\n' });
    await waitFor('its reason in the log', () =>
      /readyz\/store check failed: \[-\]store failed: \S/.test(server.output()),
    );
    expect(await get('/readyz/ping')).toEqual({ status: 200, body: 'ok' });
    expect(await get('/readyz?exclude=store')).toEqual({ status: 200, body: 'ok' });
  });
});
