// The apiserver's processes, as a user and a supervisor run them: `npm start` stops everything it
// started on SIGTERM and on Ctrl-C (revoking the local agent's bootstrap token first), prints a
// short summary and no token; its embedded PostgreSQL is restarted when it dies (and /livez fails
// when it cannot come back), a kill -9 of the apiserver does not block the next start, and the
// apiserver connects as its own role, over a private socket, with slots kept for it.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { localNodeName } from '../../apps/apiserver/local-agent/local-node-name';
import { waitFor } from '@kubenest/testing/wait';
import { httpsRequest } from './support/https-client';
import { nodePod } from './support/node-pod';
import { ApiClient, apiClient, configMap, configMapsPath, createNamespace } from './resilience-support/api-client';
import { KubenestProcess, launchKubenest, newDataDir } from './resilience-support/kubenest-process';
import { postgresProcessesFor, processAlive } from './resilience-support/postgres-processes';

jest.setTimeout(180_000);

const NODE = localNodeName(hostname());

/** The pid and every process below it now, from /proc. */
const processTree = (root: number): number[] => {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while the table was read.
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++)
    for (const [pid, parent] of parents) if (parent === tree[i] && !tree.includes(pid)) tree.push(pid);
  return tree;
};

const commandOf = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '(gone)';
  }
};

const livez = (server: KubenestProcess) =>
  httpsRequest(server, { path: '/livez', timeoutMs: 5_000 }).then(
    (res) => ({ status: res.status, text: res.text }),
    (e: Error) => ({ status: 0, text: e.message }),
  );

const tail = (server: KubenestProcess, lines = 40) => server.output().split('\n').slice(-lines).join('\n');

/** The bootstrap token Secrets in kube-system, as `<id>.<secret>` tokens by Secret name. */
const bootstrapTokens = async (api: ApiClient): Promise<Map<string, string>> => {
  const secrets = await api.ok('GET', '/api/v1/namespaces/kube-system/secrets');
  const decode = (value: string) => Buffer.from(value, 'base64').toString('utf8');
  return new Map(
    secrets.items
      .filter((s: { type: string }) => s.type === 'bootstrap.kubernetes.io/token')
      .map((s: { metadata: { name: string }; data: Record<string, string> }) => [
        s.metadata.name,
        `${decode(s.data['token-id'])}.${decode(s.data['token-secret'])}`,
      ]),
  );
};

const nodeReady = async (api: ApiClient) => {
  const res = await api.call('GET', `/api/v1/nodes/${NODE}`);
  if (res.status !== 200) return false;
  return res
    .json()
    .status?.conditions?.some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
};

describe('npm start', () => {
  const runs: KubenestProcess[] = [];
  /** Every process the runs started, seen so far: whatever a failed test leaves is killed at the end. */
  const seen = new Set<number>();
  const treeOf = (pid: number) => {
    const tree = processTree(pid);
    for (const p of tree) seen.add(p);
    return tree;
  };
  let dataDir: string;

  beforeAll(() => {
    dataDir = newDataDir();
  });

  afterAll(async () => {
    for (const run of runs) await run.interrupt({ timeoutMs: 20_000 });
    for (const pid of [...seen].filter(processAlive)) process.kill(pid, 'SIGKILL');
    await runs[0]?.destroy();
  });

  /** `npm start` with its local agent, on the one data directory of this block. */
  const npmStart = async (previous?: KubenestProcess) => {
    const run = await launchKubenest({
      npmStart: true,
      dataDir,
      port: previous?.port,
      postgresPort: previous?.postgresPort,
      env: { KUBENEST_LOCAL_AGENT: 'true' },
    });
    runs.push(run);
    const api = apiClient({ ...run, token: run.token });
    await waitFor(`node ${NODE} Ready`, () => nodeReady(api), 60_000, 250);
    return { run, api };
  };

  let first: KubenestProcess;
  let firstApi: ApiClient;

  it('prints a short summary that says where the token is, never the token, and no colour into a pipe', async () => {
    ({ run: first, api: firstApi } = await npmStart());
    const output = first.output();
    const summary = output.slice(output.indexOf('Kubenest is serving on'));
    expect(summary.split('\n').slice(0, 6)).toEqual([
      `Kubenest is serving on ${first.url}`,
      `  kubeconfig   ${first.kubeconfig}`,
      `               export KUBECONFIG=${first.kubeconfig}; kubectl get namespaces`,
      `  admin token  ${join(dataDir, 'admin.token')} (a bearer token, e.g. for the Swagger console at ${first.url}/docs)`,
      `  node         ${NODE} (the local agent)`,
      `  database     embedded PostgreSQL in ${join(dataDir, 'pg')}`,
    ]);
    expect(output).not.toContain(first.token);
    expect(statSync(join(dataDir, 'admin.token')).mode & 0o777).toBe(0o600);
    // Escape codes: only a terminal gets colour, and this output is a pipe.
    expect(output).not.toMatch(/\x1b\[/);
    // Nest's module and route mapping, the watch caches' loads: debug detail, not shown at info.
    expect(output).not.toMatch(/InstanceLoader|RouterExplorer|RoutesResolver|Mapped \{|loaded \d+ objects/);
    // Before the summary, only npm's own lines ("> kubenest@0.1.0 start", the build).
    const beforeSummary = output.slice(0, output.indexOf('Kubenest is serving on')).split('\n');
    expect(beforeSummary.filter((line) => line.trim() !== '' && !line.startsWith('> '))).toEqual([]);
  });

  it('on Ctrl-C stops everything and revokes the local agent bootstrap token first', async () => {
    // The agent's token goes once it has joined, which may be done by now: its id is in its CSR.
    const tokens = await bootstrapTokens(firstApi);
    const csrs = await firstApi.ok('GET', '/apis/certificates.k8s.io/v1/certificatesigningrequests');
    const joinedWith = csrs.items.map(
      (csr: { spec: { username: string } }) => /^system:bootstrap:([a-z0-9]{6})$/.exec(csr.spec.username)?.[1],
    );
    expect(joinedWith).toEqual([expect.any(String)]);
    expect([...tokens.values()].every((token) => token.startsWith(`${joinedWith[0]}.`))).toBe(true);
    const tree = treeOf(first.pid);
    const pgDir = join(dataDir, 'pg');
    expect(postgresProcessesFor(pgDir).length).toBeGreaterThan(0);
    // As a terminal sends it: SIGINT to the whole foreground process group.
    const ending = await first.interrupt({ processGroup: true, timeoutMs: 15_000 });
    expect({ ending, log: ending.code === 0 ? '' : tail(first) }).toEqual({
      ending: { code: 0, signal: null },
      log: '',
    });
    await waitFor('every process of the first run to end', () => tree.every((pid) => !processAlive(pid)), 10_000).catch(
      () => {
        throw new Error(`left: ${tree.filter(processAlive).map((pid) => `${pid} ${commandOf(pid)}`)}`);
      },
    );
    expect(postgresProcessesFor(pgDir)).toEqual([]);

    const second = await npmStart(first);
    const api = apiClient({ ...second.run, token: second.run.token });
    const secret = `/api/v1/namespaces/kube-system/secrets/bootstrap-token-${joinedWith[0]}`;
    expect((await api.call('GET', secret)).status).toBe(404);
    for (const token of tokens.values())
      expect((await apiClient({ ...second.run, token }).call('GET', '/api/v1/namespaces')).status).toBe(401);
  });

  let afterSigterm: { left: string[]; pods: number[] };

  it('on SIGTERM to the npm process alone (a supervisor stop) stops every process it started within 10 s', async () => {
    const run = runs[1];
    const api = apiClient({ ...run, token: run.token });
    await createNamespace(api, 'lifecycle');
    await api.ok(
      'POST',
      '/api/v1/namespaces/lifecycle/pods',
      nodePod('sleeper', NODE, [{ name: 'sleep', image: 'busybox', command: ['sleep', '3600'] }]),
    );
    const agentPid = await waitFor('the local agent process', () =>
      treeOf(run.pid).find((pid) => commandOf(pid).includes('apps/agent/main.js')),
    );
    const pods = await waitFor(
      'the pod process',
      () => {
        const found = treeOf(agentPid).filter((pid) => commandOf(pid).includes('sleep 3600'));
        return found.length > 0 ? found : undefined;
      },
      30_000,
      200,
    );
    const tree = treeOf(run.pid);
    const signalledAt = Date.now();
    const ending = await run.interrupt({ signal: 'SIGTERM', timeoutMs: 10_000 });
    // npm passes SIGTERM on and ends as its child did: the apiserver stopped cleanly.
    expect({ ending, log: ending.code === 0 ? '' : tail(run) }).toEqual({ ending: { code: 0, signal: null }, log: '' });
    const gone = (pids: number[]) => pids.every((pid) => !processAlive(pid));
    const within = () => Math.max(0, signalledAt + 10_000 - Date.now());
    const started = tree.filter((pid) => !pods.includes(pid));
    await waitFor('npm, node, PostgreSQL and the agent to end', () => gone(started), within()).catch(() => undefined);
    process.stdout.write(
      `[process-lifecycle] npm start's processes ended ${Date.now() - signalledAt} ms after SIGTERM\n`,
    );
    await waitFor('the pods to end', () => gone(pods), within()).catch(() => undefined);
    afterSigterm = {
      left: started.filter(processAlive).map((pid) => `${pid} ${commandOf(pid)}`),
      pods: pods.filter(processAlive),
    };
    expect({ left: afterSigterm.left, log: afterSigterm.left.length ? tail(run) : '' }).toEqual({ left: [], log: '' });
    expect(postgresProcessesFor(join(dataDir, 'pg'))).toEqual([]);
  });

  it('on SIGTERM also stops the local agent pods', () => {
    expect(afterSigterm.pods.filter(processAlive).map((pid) => `${pid} ${commandOf(pid)}`)).toEqual([]);
  });
});

describe('the embedded PostgreSQL', () => {
  let server: KubenestProcess;
  let api: ApiClient;
  let pgDir: string;

  beforeAll(async () => {
    server = await launchKubenest();
    api = apiClient({ ...server, token: server.token });
    pgDir = join(server.dataDir, 'pg');
    await createNamespace(api, 'pg');
  }, 180_000);

  afterAll(async () => {
    await server?.destroy();
  });

  /** The embedded server's superuser, over its socket: what an operator of this host may use. */
  const superuser = async () => {
    const password = readFileSync(join(pgDir, 'kubenest-password'), 'utf8').trim();
    const client = new Client({
      host: pgDir,
      port: server.postgresPort,
      user: 'postgres',
      password,
      database: 'postgres',
    });
    await client.connect();
    return client;
  };

  const postmaster = () => postgresProcessesFor(pgDir).find((p) => p.args.includes(` -D ${pgDir} `));

  /** Writes until one is acknowledged; the time it took from `since`. */
  const writableAfter = async (since: number, prefix: string) => {
    for (let i = 0; ; i++) {
      const res = await api
        .call('POST', configMapsPath('pg'), configMap(`${prefix}-${i}`), 5_000)
        .catch(() => undefined);
      if (res?.status === 201) return Date.now() - since;
      if (Date.now() - since > 60_000)
        throw new Error(`no write acknowledged in 60 s; last: ${res?.status} ${res?.text}\n${tail(server)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  it('is reached over a private socket only, by a role that is no superuser', async () => {
    const tcp = await new Promise<string>((resolve) => {
      const socket = connect(server.postgresPort, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve('open');
      });
      socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    });
    expect(tcp).toBe('ECONNREFUSED');
    // Another local user cannot even reach the socket (so cannot hold its slots in authentication).
    const asNobody = await new Promise<string>((resolve) => {
      const script = `require('net').connect(${JSON.stringify(join(pgDir, `.s.PGSQL.${server.postgresPort}`))})
        .on('connect', () => { console.log('connected'); process.exit(0); })
        .on('error', (e) => { console.log(e.code); process.exit(0); });`;
      const child = spawn(process.execPath, ['-e', script], {
        uid: 65534,
        gid: 65534,
        cwd: '/',
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.on('exit', () => resolve(out.trim()));
    });
    expect(asNobody).toBe('EACCES');

    const admin = await superuser();
    try {
      const { rows } = await admin.query(
        `SELECT DISTINCT a.usename, r.rolsuper FROM pg_stat_activity a JOIN pg_roles r ON r.rolname = a.usename
         WHERE a.application_name = 'kubenest'`,
      );
      expect(rows).toEqual([{ usename: 'kubenest', rolsuper: false }]);
    } finally {
      await admin.end();
    }
  });

  it('keeps serving when other clients take every ordinary connection slot', async () => {
    const admin = await superuser();
    const intruders: Client[] = [];
    try {
      await admin.query("CREATE ROLE intruder LOGIN PASSWORD 'intruder'");
      for (;;) {
        const client = new Client({
          host: pgDir,
          port: server.postgresPort,
          user: 'intruder',
          password: 'intruder',
          database: 'postgres',
        });
        try {
          await client.connect();
        } catch (e) {
          expect((e as Error).message).toMatch(/remaining connection slots are reserved/);
          break;
        }
        intruders.push(client);
      }
      expect(intruders.length).toBeGreaterThan(50);
      // The apiserver must connect anew: end its sessions.
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'kubenest'");
      const took = await writableAfter(Date.now(), 'crowded');
      expect(took).toBeLessThan(10_000);
      const readyz = await httpsRequest(server, { path: '/readyz' });
      expect(readyz.status).toBe(200);
    } finally {
      await Promise.all(intruders.map((c) => c.end().catch(() => undefined)));
      await admin.end();
    }
  });

  it('is started again after a kill -9, and writes succeed again within 15 s', async () => {
    const before = postmaster()!;
    const killedAt = Date.now();
    process.kill(before.pid, 'SIGKILL');
    const took = await writableAfter(killedAt, 'healed');
    process.stdout.write(`[process-lifecycle] writes acknowledged again ${took} ms after a kill -9 of PostgreSQL\n`);
    expect(took).toBeLessThan(15_000);
    expect(postmaster()?.pid).not.toBe(before.pid);
    expect((await livez(server)).status).toBe(200);
    expect(server.output()).toMatch(/PostgreSQL exited \(signal SIGKILL\); starting it again/);
  });

  it('fails /livez when PostgreSQL cannot come back, and passes once it has', async () => {
    // A frozen child keeps the dead postmaster's shared memory: every new start is refused.
    const before = postmaster()!;
    const child = postgresProcessesFor(pgDir).find((p) => p.ppid === before.pid && /checkpointer/.test(p.args))!;
    process.kill(child.pid, 'SIGSTOP');
    process.kill(before.pid, 'SIGKILL');
    try {
      const failed = await waitFor(
        '/livez to fail',
        async () => {
          const res = await livez(server);
          return res.status === 500 ? res : undefined;
        },
        40_000,
        500,
      );
      expect(failed.text).toBe('[+]ping ok\n[-]postgres failed: reason withheld\nlivez check failed\n');
    } finally {
      process.kill(child.pid, 'SIGCONT');
    }
    await waitFor('/livez to pass', async () => (await livez(server)).status === 200, 30_000, 250);
    await writableAfter(Date.now(), 'back');
    expect(server.output()).toMatch(/could not start/);
  });

  it('after a kill -9 of the apiserver, the next start stops its PostgreSQL and comes up', async () => {
    const left = postmaster()!;
    process.kill(server.pid, 'SIGKILL');
    await waitFor('the apiserver to end', () => server.ending());
    expect(processAlive(left.pid)).toBe(true);
    const restarted = await launchKubenest({
      dataDir: server.dataDir,
      port: server.port,
      postgresPort: server.postgresPort,
    });
    server = restarted;
    api = apiClient({ ...server, token: server.token });
    expect(processAlive(left.pid)).toBe(false);
    expect(restarted.output()).toContain(`stopping PostgreSQL (pid ${left.pid}) left running on ${pgDir}`);
    await writableAfter(Date.now(), 'restarted');
  });
});

describe('the apiserver command line', () => {
  it('refuses a database password, which every local user could read there', () => {
    const result = spawnSync(
      process.execPath,
      [
        join(__dirname, '..', '..', 'dist/apps/apiserver/main.js'),
        '--database-url=postgres://kubenest:hunter2@127.0.0.1:1/kubenest',
      ],
      { encoding: 'utf8', timeout: 30_000, env: { PATH: process.env.PATH } },
    );
    expect({ status: result.status, stderr: result.stderr }).toEqual({
      status: 1,
      stderr: expect.stringMatching(/^--database-url holds a password, .*: set DATABASE_URL instead/),
    });
    expect(result.stdout + result.stderr).not.toContain('hunter2');
  });
});
