// The control plane's durability claims, driven through HTTPS and the real kubectl: two
// apiservers on one database, a PostgreSQL outage under running servers, Ctrl-C and a restart.
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Kubectl } from '@kubenest/testing/kubectl';
import { TestPostgres, startTestPostgres } from '@kubenest/testing/postgres';
import { httpsRequest } from './support/https-client';
import { waitFor } from '@kubenest/testing/wait';
import { ApiClient, apiClient, configMap, configMapsPath, createNamespace } from './resilience-support/api-client';
import { Change, checkDelivery } from './resilience-support/delivery-check';
import { KubenestProcess, launchKubenest } from './resilience-support/kubenest-process';
import { postgresProcessesFor, postgresProcessesOnPort, processAlive } from './resilience-support/postgres-processes';
import { RecordedEvent, recordWatch } from './resilience-support/watch-recorder';
import { WriteLog, WriteOutcome } from './resilience-support/write-log';

const readyz = (server: KubenestProcess) =>
  httpsRequest(server, { path: '/readyz', timeoutMs: 10_000 }).then(
    (res) => ({ status: res.status, text: res.text }),
    (e: Error) => ({ status: 0, text: e.message }),
  );

const asChanges = (events: RecordedEvent[], prefix: string): Change[] =>
  events
    .filter((e) => e.name.startsWith(prefix))
    .map((e) => ({ type: e.type, name: e.name, resourceVersion: e.resourceVersion }));

// The root CA publisher's ConfigMap in every namespace is the control plane's write, not the test's.
const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
const testWrites = (events: RecordedEvent[]): Change[] =>
  asChanges(events, '').filter((c) => c.name !== ROOT_CA_CONFIGMAP);

const parsed = (text: string): { kind?: string; code?: number } | undefined => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const kubectls: Kubectl[] = [];
/** The real kubectl 1.<minor> for a kubeconfig; its discovery cache goes when the file is done. */
const kubectlFor = (kubeconfig: string, minor: number) => {
  const kubectl = new Kubectl(kubeconfig, minor);
  kubectls.push(kubectl);
  return kubectl;
};
afterAll(() => {
  for (const kubectl of kubectls) rmSync(kubectl.cacheDir, { recursive: true, force: true });
});

/** The server's log, trimmed, for a failure message. */
const tail = (server: KubenestProcess, lines = 60) => server.output().split('\n').slice(-lines).join('\n');

describe('two apiservers on one database', () => {
  let pg: TestPostgres;
  let a: KubenestProcess;
  let b: KubenestProcess;
  let apiA: ApiClient;
  let apiB: ApiClient;

  beforeAll(async () => {
    pg = await startTestPostgres();
    // Started together, as replicas of one deployment are: both prepare the schema at once.
    [a, b] = await Promise.all([
      launchKubenest({ env: { DATABASE_URL: pg.url } }),
      launchKubenest({ env: { DATABASE_URL: pg.url } }),
    ]);
    apiA = apiClient({ ...a, token: a.token });
    apiB = apiClient({ ...b, token: b.token });
  }, 180_000);

  afterAll(async () => {
    await Promise.all([a?.destroy(), b?.destroy()]);
    await pg?.stop();
  });

  it('answers a consistent GET and LIST through B with what was just written through A', async () => {
    const ns = 'shared-read';
    await createNamespace(apiA, ns);
    const path = configMapsPath(ns);
    const stale: string[] = [];
    const expectFresh = async (what: string, name: string, rv: string, data: Record<string, string>) => {
      const got = await apiB.call('GET', `${path}/${name}`);
      const body = got.status === 200 ? got.json() : undefined;
      if (body?.metadata?.resourceVersion !== rv || JSON.stringify(body?.data) !== JSON.stringify(data))
        stale.push(`${what}: GET ${name} on B answered ${got.status} ${got.text.slice(0, 200)}, wanted rv ${rv}`);
      const list = await apiB.ok('GET', path);
      const item = list.items.find((i: { metadata: { name: string } }) => i.metadata.name === name);
      if (item?.metadata.resourceVersion !== rv || Number(list.metadata.resourceVersion) < Number(rv))
        stale.push(
          `${what}: LIST on B at rv ${list.metadata.resourceVersion} has ${name}@${item?.metadata.resourceVersion}, wanted rv ${rv}`,
        );
    };
    for (let i = 0; i < 8; i++) {
      const name = `read-${i}`;
      const created = await apiA.ok('POST', path, configMap(name, { v: '1' }));
      await expectFresh('after create', name, created.metadata.resourceVersion, { v: '1' });
      const patched = await apiA.ok('PATCH', `${path}/${name}`, { data: { v: '2' } });
      await expectFresh('after patch', name, patched.metadata.resourceVersion, { v: '2' });
    }
    await apiA.ok('DELETE', `${path}/read-0`);
    const gone = await apiB.call('GET', `${path}/read-0`);
    if (gone.status !== 404)
      stale.push(`after delete: GET read-0 on B answered ${gone.status} ${gone.text.slice(0, 200)}`);
    const names = (await apiB.ok('GET', path)).items.map((i: { metadata: { name: string } }) => i.metadata.name);
    if (names.includes('read-0')) stale.push(`after delete: LIST on B still has read-0`);
    expect(stale).toEqual([]);
  }, 120_000);

  it('streams changes made through A to watches opened on B, in order, each once', async () => {
    const ns = 'shared-watch';
    await createNamespace(apiA, ns);
    const path = configMapsPath(ns);
    await apiA.ok('POST', path, configMap('w-marker'));
    const kubectl = kubectlFor(b.kubeconfig, 33);
    const kubectlWatch = kubectl.start(['get', 'configmaps', '-n', ns, '-w', '--output-watch-events']);
    const list = await apiB.ok('GET', path);
    const watch = recordWatch({ ...b, token: b.token }, path, list.metadata.resourceVersion);
    try {
      await waitFor('kubectl -w on B to list the marker', () => /ADDED\s+w-marker/.test(kubectlWatch.output()), 30_000);
      const acked: Change[] = [];
      const write = async (type: string, method: string, name: string, body?: unknown) => {
        const answer = await apiA.ok(method, method === 'POST' ? path : `${path}/${name}`, body);
        // A DELETE of a ConfigMap answers a Status, which carries no resourceVersion.
        acked.push({ type, name, resourceVersion: answer.kind === 'ConfigMap' ? answer.metadata.resourceVersion : '' });
      };
      await write('ADDED', 'POST', 'w-1', configMap('w-1', { v: '1' }));
      await write('ADDED', 'POST', 'w-2', configMap('w-2'));
      await write('MODIFIED', 'PATCH', 'w-1', { data: { v: '2', w: '2' } });
      await write('ADDED', 'POST', 'w-3', configMap('w-3'));
      await write('DELETED', 'DELETE', 'w-2');
      await write('MODIFIED', 'PATCH', 'w-3', { data: { v: '3' } });
      await write('DELETED', 'DELETE', 'w-1');
      await waitFor(
        'the HTTPS watch on B to deliver every change',
        () => asChanges(watch.changes(), 'w-').length >= acked.length,
        20_000,
      ).catch((e: Error) => {
        throw new Error(`${e.message}\n${watch.describe()}`);
      });
      const report = checkDelivery(asChanges(watch.changes(), 'w-'), acked);
      expect({ problems: report.problems, extra: report.unacknowledgedDelivered }).toEqual({ problems: [], extra: [] });
      expect(watch.errors()).toEqual([]);

      const kubectlEvents = () =>
        kubectlWatch
          .output()
          .split('\n')
          .map((line) => line.trim().split(/\s+/))
          .filter(([type, name]) => ['ADDED', 'MODIFIED', 'DELETED'].includes(type) && name?.startsWith('w-'))
          .map(([type, name]) => `${type} ${name}`);
      await waitFor(
        'kubectl -w on B to print every change',
        () => kubectlEvents().length >= acked.length + 1,
        20_000,
      ).catch((e: Error) => {
        throw new Error(`${e.message}\n${kubectlWatch.output()}`);
      });
      expect(kubectlEvents()).toEqual(['ADDED w-marker', ...acked.map((c) => `${c.type} ${c.name}`)]);
    } finally {
      watch.stop();
      kubectlWatch.stop();
    }
  }, 120_000);
});

describe('a PostgreSQL outage under running servers', () => {
  let pg: TestPostgres;
  // Writes go through `server`; `peer` shares its database and only watches.
  let server: KubenestProcess;
  let peer: KubenestProcess;
  let api: ApiClient;

  beforeAll(async () => {
    pg = await startTestPostgres();
    server = await launchKubenest({ env: { DATABASE_URL: pg.url } });
    peer = await launchKubenest({ env: { DATABASE_URL: pg.url } });
    api = apiClient({ ...server, token: server.token });
  }, 180_000);

  afterAll(async () => {
    await Promise.all([server?.destroy(), peer?.destroy()]);
    await pg?.stop();
  });

  it('refuses writes with a retryable Status while down, then loses and repeats nothing', async () => {
    const ns = 'outage';
    await createNamespace(api, ns);
    const path = configMapsPath(ns);
    const log = new WriteLog(api, ns);
    const listRv = (await api.ok('GET', path)).metadata.resourceVersion;
    const watches = {
      // One stream held through the outage, and informer-like re-watches every second on both servers.
      held: recordWatch({ ...server, token: server.token }, path, listRv),
      rewatching: recordWatch({ ...server, token: server.token }, path, listRv, 1),
      peerRewatching: recordWatch({ ...peer, token: peer.token }, path, listRv, 1),
    };
    const diagnostics = () =>
      [
        ...Object.entries(watches).map(([name, w]) => `${name}: ${w.describe()}`),
        'failed writes:',
        ...log.failures().map((f) => `  ${f.name} after ${f.ms} ms: ${f.detail}`),
        'server log:',
        tail(server),
        'peer log:',
        tail(peer, 20),
      ].join('\n');
    let outageOver = false;
    try {
      const before = await log.createAll(Array.from({ length: 20 }, (_, i) => `before-${i}`));
      expect(before.filter((o) => o.status !== 201).map((o) => o.detail)).toEqual([]);

      // Writes keep coming from several clients while the database goes away, as a busy
      // cluster's would; a refused client waits a little before its next write.
      let haltedAt = Number.POSITIVE_INFINITY;
      const writers = Array.from({ length: 4 }, async (_, lane) => {
        for (let i = 0; !outageOver; i++) {
          const o = await log.create(`during-${lane}-${i}`, 45_000);
          await new Promise((r) => setTimeout(r, o.status === 201 ? 10 : 250));
        }
      });
      await waitFor('writes to succeed just before the outage', () => log.acknowledged().length >= 30, 20_000);
      await pg.halt();
      haltedAt = Date.now();
      const refusedSinceHalt = () => log.outcomes.filter((o) => o.startedAt > haltedAt);
      for (const s of [server, peer]) {
        const notReady = await waitFor('/readyz to report not ready', async () => {
          const r = await readyz(s);
          return r.status !== 200 ? r : undefined;
        });
        expect(notReady.status).toBe(503);
      }
      // A consistent LIST needs the store's current revision: it cannot be answered from memory.
      const consistentList = await api.call('GET', path, undefined, 45_000);
      expect({ status: consistentList.status, kind: parsed(consistentList.text)?.kind }).toEqual({
        status: expect.any(Number),
        kind: 'Status',
      });
      expect([503, 504]).toContain(consistentList.status);
      await waitFor(
        'several writes to be refused over a few seconds',
        () => Date.now() - haltedAt > 4_000 && refusedSinceHalt().length >= 12,
        30_000,
      );
      outageOver = true;
      await Promise.all(writers);

      const retryable = (o: WriteOutcome) => {
        const body = parsed(o.response?.text ?? '');
        return {
          name: o.name,
          status: o.status,
          kind: body?.kind,
          code: body?.code,
          retryAfter: o.response?.headers['retry-after'],
        };
      };
      const probe = retryable(await log.create('down-probe', 45_000));
      expect(probe).toEqual({
        ...probe,
        kind: 'Status',
        code: probe.status,
        retryAfter: expect.stringMatching(/^[1-9]\d*$/),
      });
      expect([503, 504]).toContain(probe.status);
      // Every write that started after the database was gone must have been refused the same way.
      for (const refused of refusedSinceHalt().map(retryable)) {
        expect(refused).toEqual({
          ...refused,
          kind: 'Status',
          code: refused.status,
          retryAfter: expect.stringMatching(/^[1-9]\d*$/),
        });
        expect([503, 504]).toContain(refused.status);
      }
      expect([server.ending(), peer.ending()]).toEqual([undefined, undefined]);

      await pg.start();
      for (const s of [server, peer])
        await waitFor('/readyz to be ok again', async () => (await readyz(s)).status === 200, 60_000);
      const after = await log.createAll(Array.from({ length: 20 }, (_, i) => `after-${i}`));
      expect(after.filter((o) => o.status !== 201).map((o) => o.detail)).toEqual([]);

      const acked = log.acknowledged();
      const listed = (await api.ok('GET', path)).items.map((i: { metadata: { name: string } }) => i.metadata.name);
      expect(acked.map((c) => c.name).filter((n) => !listed.includes(n))).toEqual([]);
      for (const [name, watch] of Object.entries(watches)) {
        await waitFor(
          `the ${name} watch to deliver every acknowledged write`,
          () => acked.every((c) => watch.changes().some((e) => e.name === c.name)),
          30_000,
        ).catch((e: Error) => {
          throw new Error(`${e.message}\n${diagnostics()}`);
        });
        const report = checkDelivery(testWrites(watch.changes()), acked, log.outcomeUnknown());
        if (report.problems.length > 0) throw new Error(`${name}: ${report.problems.join('\n')}\n${diagnostics()}`);
        expect({ name, errors: watch.errors() }).toEqual({ name, errors: [] });
        // The watch and a LIST agree on what exists, including writes whose answer was an error.
        expect({
          name,
          delivered: testWrites(watch.changes())
            .map((e) => e.name)
            .sort(),
        }).toEqual({ name, delivered: listed.filter((n: string) => n !== ROOT_CA_CONFIGMAP).sort() });
      }

      for (const s of [server, peer]) {
        expect(s.ending()).toBeUndefined();
        expect(processAlive(s.pid)).toBe(true);
        expect((await readyz(s)).status).toBe(200);
      }
    } finally {
      outageOver = true;
      for (const watch of Object.values(watches)) watch.stop();
    }
  }, 240_000);

  it('answers within the request timeout while the database hangs', async () => {
    // A frozen database host or a network partition: connections stay open, nothing answers.
    const ns = 'frozen';
    await createNamespace(api, ns);
    const path = configMapsPath(ns);
    const frozen = postgresProcessesOnPort(Number(new URL(pg.url).port));
    expect(frozen.length).toBeGreaterThan(0);
    for (const p of frozen) process.kill(p.pid, 'SIGSTOP');
    try {
      // kube-apiserver answers 504 after its 60 s request timeout and fails its etcd readiness
      // check after 2 s; allow some slack over both.
      const [write, ready] = await Promise.all([new WriteLog(api, ns).create('while-frozen', 70_000), readyz(server)]);
      const body = parsed(write.response?.text ?? '');
      expect({
        ready,
        write: write.detail,
        retryable: [503, 504].includes(write.status),
        kind: body?.kind,
        retryAfter: write.response?.headers['retry-after'],
      }).toEqual({
        ready: { status: 503, text: expect.any(String) },
        write: write.detail,
        retryable: true,
        kind: 'Status',
        retryAfter: expect.stringMatching(/^[1-9]\d*$/),
      });
    } finally {
      for (const p of frozen) process.kill(p.pid, 'SIGCONT');
    }
    await waitFor('/readyz to be ok again', async () => (await readyz(server)).status === 200, 30_000);
    await api.ok('POST', path, configMap('after-thaw'));
    expect(server.ending()).toBeUndefined();
  }, 180_000);
});

describe('Ctrl-C', () => {
  const servers: KubenestProcess[] = [];

  afterAll(async () => {
    for (const server of servers.reverse()) await server.destroy();
  });

  const pkiFiles = (dataDir: string) =>
    Object.fromEntries(
      readdirSync(join(dataDir, 'pki')).map((f) => [f, readFileSync(join(dataDir, 'pki', f), 'utf8')]),
    );

  /** A client holding `kubectl get -w` open in another terminal, and an informer's watch. */
  const openWatches = async (server: KubenestProcess, namespace: string) => {
    const kubectlWatch = kubectlFor(server.kubeconfig, 33).start(['get', 'configmaps', '-n', namespace, '-w']);
    const path = configMapsPath(namespace);
    const list = await apiClient({ ...server, token: server.token }).ok('GET', path);
    const informer = recordWatch({ ...server, token: server.token }, path, list.metadata.resourceVersion);
    await waitFor(
      'kubectl -w to list the first ConfigMap',
      () => /^\S+\s+\d+\s+\S+$/m.test(kubectlWatch.output()),
      30_000,
    );
    await waitFor('the informer watch to be open', () => informer.attempts()[0]?.status === 200, 10_000);
    return () => {
      informer.stop();
      kubectlWatch.stop();
    };
  };

  /** Interrupts the server and checks that it and its embedded PostgreSQL end promptly and
   * cleanly; processGroup: as a terminal's Ctrl-C does, PostgreSQL gets the signal too. */
  const interruptCleanly = async (server: KubenestProcess, processGroup: boolean) => {
    const pgDir = join(server.dataDir, 'pg');
    const running = postgresProcessesFor(pgDir);
    expect(running.length).toBeGreaterThan(0);
    const startedAt = Date.now();
    const ending = await server.interrupt({ processGroup, timeoutMs: 15_000 });
    expect({ ending, log: ending.code === 0 ? '' : tail(server) }).toEqual({
      ending: { code: 0, signal: null },
      log: '',
    });
    expect(Date.now() - startedAt).toBeLessThan(15_000);
    await waitFor(
      'the embedded PostgreSQL to be gone',
      () => [...postgresProcessesFor(pgDir), ...running.filter((p) => processAlive(p.pid))].length === 0,
      10_000,
    ).catch((e: Error) => {
      throw new Error(`${e.message}: ${JSON.stringify(postgresProcessesFor(pgDir))}\n${tail(server)}`);
    });
    // A clean shutdown removes the lock file; a killed server leaves it for the next start to recover.
    expect(existsSync(join(pgDir, 'postmaster.pid'))).toBe(false);
  };

  it('stops the server and its PostgreSQL; a restart on the data dir keeps credentials and data', async () => {
    const first = await launchKubenest();
    servers.push(first);
    const api = apiClient({ ...first, token: first.token });
    await createNamespace(api, 'kept');
    const kept = await api.ok('POST', configMapsPath('kept'), configMap('kept', { answer: '42' }));
    const before = {
      token: first.token,
      pki: pkiFiles(first.dataDir),
      kubeconfig: readFileSync(first.kubeconfig, 'utf8'),
    };

    await interruptCleanly(first, false);

    const second = await launchKubenest({
      dataDir: first.dataDir,
      port: first.port,
      postgresPort: first.postgresPort,
    });
    servers.push(second);
    expect({
      token: second.token,
      pki: pkiFiles(second.dataDir),
      kubeconfig: readFileSync(second.kubeconfig, 'utf8'),
    }).toEqual(before);
    const again = JSON.parse(
      await kubectlFor(first.kubeconfig, 33).ok(['get', 'configmap', 'kept', '-n', 'kept', '-o', 'json']),
    );
    expect({ uid: again.metadata.uid, rv: again.metadata.resourceVersion, data: again.data }).toEqual({
      uid: kept.metadata.uid,
      rv: kept.metadata.resourceVersion,
      data: { answer: '42' },
    });
    const withOldToken = await apiClient({ ...second, token: before.token }).call(
      'GET',
      `${configMapsPath('kept')}/kept`,
    );
    expect(withOldToken.status).toBe(200);

    await interruptCleanly(second, true);
  }, 240_000);

  it('stops promptly while clients hold watches open', async () => {
    const server = await launchKubenest();
    servers.push(server);
    const api = apiClient({ ...server, token: server.token });
    await createNamespace(api, 'watched');
    await api.ok('POST', configMapsPath('watched'), configMap('watched'));
    const closeWatches = await openWatches(server, 'watched');
    try {
      await interruptCleanly(server, true);
    } finally {
      closeWatches();
    }
  }, 120_000);
});
