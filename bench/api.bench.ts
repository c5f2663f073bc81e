// API benchmark: pod creates/s over HTTPS with 32 keep-alive clients (p50/p99), and the time
// to LIST 10,000 pods as JSON and as a Table, beside raw PostgreSQL INSERTs of the same pod
// JSON on the same server with the same concurrency. Prints a table, then one JSON line.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Dispatcher, Pool } from 'undici';
import { createDataSource } from '../libs/storage/data-source';
import { startEmbeddedPostgres } from '../libs/storage/embedded-postgres';
import { createRawInsertTable, rawInsert } from '../libs/storage/raw-insert-baseline';
import { startKubenest } from '../libs/testing/kubenest-server';
import { freePort } from '../libs/testing/postgres';
import { cpuSeconds, postgresCpuSeconds } from './process-cpu';

const CLIENTS = 32;
const CREATE_MS = Number(process.env.BENCH_RUN_MS ?? 15000);
// BENCH_WARMUP_MS: V8 is still optimising the server's hot path some 10,000 creates in (a quarter of
// the server's CPU went to TurboFan in the window after 3 s on a loaded machine); 20 s or more
// measures the steady state.
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 3000);
const LIST_PODS = 10_000;
const LIST_RUNS = 5;
const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

const pod = (name: string, namespace = 'default') => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels: { app: 'bench', tier: 'web' } },
  spec: {
    containers: [
      {
        name: 'app',
        image: 'registry.example/bench/app:1.0',
        command: ['sh', '-c', 'sleep 3600'],
        ports: [{ containerPort: 8080 }],
        resources: { requests: { cpu: '10m', memory: '16Mi' } },
      },
    ],
  },
});

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Client {
  call(method: string, urlPath: string, body?: unknown, accept?: string): Promise<{ status: number; bytes: number }>;
  close(): Promise<void>;
}

// undici rather than node:https: the load generator shares the machine's two cores with the
// server and PostgreSQL, and undici spends about 40% less CPU per request.
const httpsClient = (port: number, token: string): Client => {
  const pool = new Pool(`https://127.0.0.1:${port}`, { connections: CLIENTS, connect: { rejectUnauthorized: false } });
  return {
    call: async (method, urlPath, body, accept = 'application/json') => {
      const res = await pool.request({
        method: method as Dispatcher.HttpMethod,
        path: urlPath,
        headers: {
          authorization: `Bearer ${token}`,
          accept,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      let bytes = 0;
      for await (const chunk of res.body) bytes += (chunk as Buffer).length;
      return { status: res.statusCode, bytes };
    },
    close: () => pool.close(),
  };
};

/** Closed-loop writers for durationMs; returns ops/s and the latencies. */
const closedLoop = async (durationMs: number, op: (worker: number, i: number) => Promise<void>) => {
  const latencies: number[] = [];
  const deadline = Date.now() + durationMs;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, w) => {
      for (let i = 0; Date.now() < deadline; i++) {
        const t = performance.now();
        await op(w, i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    count: latencies.length,
  };
};

const main = async () => {
  const root = await fs.mkdtemp(path.join(tmpdir(), 'kubenest-bench-api-'));
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(root, 'pg'),
    port: await freePort(),
    settings: { max_connections: '200' },
  });
  // BENCH_SERVER_NODE_ARGS profiles the server (e.g. --cpu-prof) without profiling the bench itself.
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const server = await startKubenest({ DATABASE_URL: pg.url }, { nodeArgs });
  const baseline = createDataSource(pg.url, { poolSize: CLIENTS, applicationName: 'bench-raw' });
  await baseline.initialize();
  try {
    await createRawInsertTable(baseline);
    const client = httpsClient(server.port, server.token);
    const podsPath = '/api/v1/namespaces/default/pods';

    const raw = await closedLoop(CREATE_MS, (w, i) =>
      rawInsert(baseline, `/raw/${w}/${i}`, JSON.stringify(pod(`raw-${w}-${i}`))),
    );
    // Warm the server's JIT and caches first, so the figure is the steady state.
    await closedLoop(WARMUP_MS, (w, i) => client.call('POST', podsPath, pod(`warmup-${w}-${i}`)).then(() => undefined));
    let failures = 0;
    const pgDataDir = path.join(root, 'pg');
    const cpuBefore = {
      server: cpuSeconds(server.pid),
      postgres: postgresCpuSeconds(pgDataDir),
      client: process.cpuUsage(),
    };
    const creates = await closedLoop(CREATE_MS, async (w, i) => {
      const res = await client.call('POST', podsPath, pod(`bench-${w}-${i}`));
      if (res.status !== 201) failures++;
    });

    const serverCpuUsPerCreate = ((cpuSeconds(server.pid) - cpuBefore.server) * 1e6) / creates.count;
    const postgresCpuUsPerCreate = ((postgresCpuSeconds(pgDataDir) - cpuBefore.postgres) * 1e6) / creates.count;
    const clientCpu = process.cpuUsage(cpuBefore.client);
    const clientCpuUsPerCreate = (clientCpu.user + clientCpu.system) / creates.count;
    // The LIST is timed on a namespace holding exactly LIST_PODS pods.
    const listNamespace = 'bench-list';
    await client.call('POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: listNamespace },
    });
    const listPath = `/api/v1/namespaces/${listNamespace}/pods`;
    for (let i = 0; i < LIST_PODS; i += CLIENTS) {
      await Promise.all(
        Array.from({ length: Math.min(CLIENTS, LIST_PODS - i) }, (_, k) =>
          client.call('POST', listPath, pod(`list-${i + k}`, listNamespace)),
        ),
      );
    }
    const timeList = async (accept: string) => {
      const runs: number[] = [];
      let bytes = 0;
      for (let r = 0; r < LIST_RUNS; r++) {
        const t = performance.now();
        const res = await client.call('GET', listPath, undefined, accept);
        runs.push(performance.now() - t);
        bytes = res.bytes;
      }
      return { medianMs: median(runs), bytes };
    };
    const pods = LIST_PODS;
    const listJson = await timeList('application/json');
    const listTable = await timeList(TABLE_ACCEPT);
    await client.close();

    const figures = {
      bench: 'api',
      clients: CLIENTS,
      createsPerSec: Math.round(creates.perSecond),
      createP50Ms: Number(creates.p50.toFixed(2)),
      createP99Ms: Number(creates.p99.toFixed(2)),
      createFailures: failures,
      serverCpuUsPerCreate: Math.round(serverCpuUsPerCreate),
      postgresCpuUsPerCreate: Math.round(postgresCpuUsPerCreate),
      clientCpuUsPerCreate: Math.round(clientCpuUsPerCreate),
      rawInsertsPerSec: Math.round(raw.perSecond),
      rawP99Ms: Number(raw.p99.toFixed(2)),
      createsVsRaw: Number((creates.perSecond / raw.perSecond).toFixed(2)),
      listPods: pods,
      listJsonMs: Number(listJson.medianMs.toFixed(1)),
      listJsonBytes: listJson.bytes,
      listTableMs: Number(listTable.medianMs.toFixed(1)),
      listTableBytes: listTable.bytes,
    };
    console.log(`pod creates over HTTPS, ${CLIENTS} keep-alive clients, ${CREATE_MS / 1000} s`);
    console.log(
      `  kubenest: ${figures.createsPerSec}/s  p50 ${figures.createP50Ms} ms  p99 ${figures.createP99Ms} ms  failures ${failures}`,
    );
    console.log(
      `  CPU per create: server ${figures.serverCpuUsPerCreate} µs, PostgreSQL ${figures.postgresCpuUsPerCreate} µs, this client ${figures.clientCpuUsPerCreate} µs`,
    );
    console.log(
      `  raw INSERT baseline: ${figures.rawInsertsPerSec}/s  p99 ${figures.rawP99Ms} ms  (kubenest/raw ${figures.createsVsRaw})`,
    );
    console.log(
      `LIST ${pods} pods (median of ${LIST_RUNS}): JSON ${figures.listJsonMs} ms (${listJson.bytes} bytes), Table ${figures.listTableMs} ms (${listTable.bytes} bytes)`,
    );
    console.log(JSON.stringify(figures));
  } finally {
    await baseline.destroy();
    await server.stop();
    await pg.stop();
    await fs.rm(root, { recursive: true, force: true });
  }
};

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
