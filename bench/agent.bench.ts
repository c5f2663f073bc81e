// Agent benchmark: pod start latency (create with spec.nodeName set → Running as a watcher sees
// it), p50/p99, for pods spread over a --simulate fleet and for pods on one real agent, beside the
// control plane's own share of the same writes (create → the watcher sees ADDED). Prints a table,
// then one JSON line. Bounded in time; stops everything it started.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Agent, request } from 'node:https';
import { bootstrapTokenSecret, formatBootstrapToken, generateBootstrapToken } from '../libs/auth/authn/bootstrap-token';
import { caPublicKeyHash } from '../libs/pki/ca-public-key-hash';
import { startKubenest, KubenestServer } from '../libs/testing/kubenest-server';
import { KubeObject } from '../libs/apimachinery';
import { HttpsResourceClient, resources } from '../libs/client';
import { AgentProcess, startAgentProcess } from './agent-process';

const SIM_NODES = Number(process.env.BENCH_SIM_NODES ?? 1000);
const SIM_PODS = Number(process.env.BENCH_SIM_PODS ?? 10_000);
const REAL_PODS = Number(process.env.BENCH_REAL_PODS ?? 100);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 16);
/** Joining the fleet may take no longer than this; the run is then reported as not measured. */
const JOIN_BUDGET_MS = Number(process.env.BENCH_JOIN_BUDGET_MS ?? 180_000);
const RUNNING_BUDGET_MS = 120_000;
const REAL_PROBE_MS = 30_000;

type Pod = KubeObject & { status?: { phase?: string } };

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] : NaN;
const round = (n: number) => (Number.isFinite(n) ? Number(n.toFixed(1)) : null);

const apiCall = (server: KubenestServer) => {
  const agent = new Agent({ keepAlive: true, maxSockets: WRITERS, rejectUnauthorized: false });
  return (method: string, urlPath: string, body?: unknown): Promise<{ status: number; text: string }> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: urlPath,
          method,
          agent,
          headers: {
            authorization: `Bearer ${server.token}`,
            accept: 'application/json',
            ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
};

type Call = ReturnType<typeof apiCall>;

const benchPod = (name: string, nodeName: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels: { app: 'agent-bench' } },
  spec: {
    nodeName,
    terminationGracePeriodSeconds: 1,
    containers: [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'sleep 600'] }],
  },
});

/** Watches default's pods from now on, noting when each is first seen and first seen Running. */
const podTimes = async (server: KubenestServer, call: Call) => {
  const list = JSON.parse((await call('GET', '/api/v1/namespaces/default/pods?limit=1')).text);
  const added = new Map<string, number>();
  const running = new Map<string, number>();
  const client = new HttpsResourceClient({ server: server.url, caPem: server.caPem, bearerToken: server.token });
  client.resource<Pod>(resources.pods).watch('default', { resourceVersion: list.metadata.resourceVersion }, (event) => {
    const now = performance.now();
    const pod = event.object as Pod;
    const name = pod.metadata?.name;
    if (!name || event.type === 'DELETED' || event.type === 'BOOKMARK' || event.type === 'ERROR') return;
    if (!added.has(name)) added.set(name, now);
    if (pod.status?.phase === 'Running' && !running.has(name)) running.set(name, now);
  });
  return { added, running, close: () => client.close() };
};

const waitUntil = async (what: () => boolean, timeoutMs: number, failed?: () => boolean): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  while (!what()) {
    if (Date.now() > deadline || failed?.()) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
};

/** Creates the pods with WRITERS in flight; returns each pod's send time. */
const createPods = async (call: Call, names: string[], nodeOf: (i: number) => string) => {
  const sent = new Map<string, number>();
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < names.length) {
        const i = next++;
        sent.set(names[i], performance.now());
        const res = await call('POST', '/api/v1/namespaces/default/pods', benchPod(names[i], nodeOf(i)));
        if (res.status !== 201) failures++;
      }
    }),
  );
  return { sent, failures, seconds: (performance.now() - started) / 1000 };
};

interface Measured {
  pods: number;
  createsPerSec: number;
  createFailures: number;
  running: number;
  addedP50Ms: number | null;
  addedP99Ms: number | null;
  runningP50Ms: number | null;
  runningP99Ms: number | null;
  p99Ratio: number | null;
}

/** Creates the pods and waits (bounded) until the watcher saw them all Running. */
const measure = async (
  server: KubenestServer,
  call: Call,
  names: string[],
  nodeOf: (i: number) => string,
  budgetMs = RUNNING_BUDGET_MS,
) => {
  const watch = await podTimes(server, call);
  try {
    const created = await createPods(call, names, nodeOf);
    await waitUntil(() => watch.running.size >= names.length - created.failures, budgetMs);
    const delays = (seen: Map<string, number>) =>
      names
        .filter((n) => seen.has(n))
        .map((n) => seen.get(n)! - created.sent.get(n)!)
        .sort((a, b) => a - b);
    const added = delays(watch.added);
    const running = delays(watch.running);
    const result: Measured = {
      pods: names.length,
      createsPerSec: Math.round(names.length / created.seconds),
      createFailures: created.failures,
      running: running.length,
      addedP50Ms: round(percentile(added, 50)),
      addedP99Ms: round(percentile(added, 99)),
      runningP50Ms: round(percentile(running, 50)),
      runningP99Ms: round(percentile(running, 99)),
      p99Ratio: round(percentile(running, 99) / percentile(added, 99)),
    };
    return result;
  } finally {
    watch.close();
  }
};

const deleteBenchPods = (call: Call) =>
  call('DELETE', '/api/v1/namespaces/default/pods?labelSelector=app%3Dagent-bench&gracePeriodSeconds=0');

const main = async () => {
  const benchStarted = Date.now();
  const root = await fs.mkdtemp(path.join(tmpdir(), 'kubenest-bench-agent-'));
  const server = await startKubenest();
  const call = apiCall(server);
  const agents: AgentProcess[] = [];
  const figures: Record<string, unknown> = { bench: 'agent', writers: WRITERS };
  try {
    const token = generateBootstrapToken();
    const secret = bootstrapTokenSecret(token, { groups: ['system:bootstrappers:kubeadm:default-node-token'] });
    const res = await call('POST', '/api/v1/namespaces/kube-system/secrets', secret);
    if (res.status !== 201) throw new Error(`creating the bootstrap token failed: ${res.status} ${res.text}`);
    const joinArgs = ['--server', server.url, '--token', formatBootstrapToken(token)];
    joinArgs.push('--ca-cert-hash', caPublicKeyHash(server.caPem));

    // The simulated fleet.
    const joinStarted = performance.now();
    const fleetArgs = ['--name', 'sim', '--simulate', String(SIM_NODES), '--data-dir', path.join(root, 'sim')];
    const fleet = startAgentProcess([...joinArgs, ...fleetArgs]);
    agents.push(fleet);
    const up = await waitUntil(
      () => fleet.output().includes(`serving ${SIM_NODES} nodes`),
      JOIN_BUDGET_MS,
      () => fleet.child.exitCode !== null,
    );
    const joinSeconds = (performance.now() - joinStarted) / 1000;
    figures.simNodes = SIM_NODES;
    figures.simJoinSeconds = round(joinSeconds);
    if (!up) {
      const joined = (fleet.output().match(/joined https/g) ?? []).length;
      figures.simJoined = joined;
      console.log(`simulated fleet: ${joined}/${SIM_NODES} nodes joined in ${joinSeconds.toFixed(0)} s; not measured`);
    } else {
      console.log(`simulated fleet: ${SIM_NODES} nodes joined and registered in ${joinSeconds.toFixed(1)} s`);
      const names = Array.from({ length: SIM_PODS }, (_, i) => `sim-pod-${i}`);
      const sim = await measure(server, call, names, (i) => `sim-${i % SIM_NODES}`);
      figures.sim = sim;
      await deleteBenchPods(call);
    }
    await fleet.stop();

    // One real agent, if it runs pods yet.
    const real = startAgentProcess([...joinArgs, '--name', 'bench-real', '--data-dir', path.join(root, 'real')]);
    agents.push(real);
    const registered = await waitUntil(
      () => real.output().includes('serving node bench-real'),
      60_000,
      () => real.child.exitCode !== null,
    );
    const probe = registered
      ? await measure(server, call, ['real-probe'], () => 'bench-real', REAL_PROBE_MS)
      : undefined;
    const runsPods = probe?.running === 1;
    figures.realAgentRunsPods = runsPods;
    if (!runsPods) {
      console.log(`real agent: ${registered ? 'a pod with a command did not reach Running' : 'did not register'}`);
    } else {
      await deleteBenchPods(call);
      const names = Array.from({ length: REAL_PODS }, (_, i) => `real-pod-${i}`);
      figures.real = await measure(server, call, names, () => 'bench-real');
      await deleteBenchPods(call);
    }
  } finally {
    for (const a of agents) await a.stop();
    await server.stop();
    await fs.rm(root, { recursive: true, force: true });
  }
  figures.totalSeconds = Math.round((Date.now() - benchStarted) / 1000);

  const row = (label: string, m?: Measured) =>
    m
      ? `${label.padEnd(34)} ${String(m.pods).padStart(6)} ${String(m.running).padStart(7)} ${String(m.createsPerSec).padStart(8)} ` +
        `${String(m.addedP50Ms).padStart(8)} ${String(m.addedP99Ms).padStart(8)} ${String(m.runningP50Ms).padStart(9)} ` +
        `${String(m.runningP99Ms).padStart(9)} ${String(m.p99Ratio).padStart(6)}`
      : `${label.padEnd(34)} not measured`;
  console.log(
    `${'pod start latency (ms)'.padEnd(34)} ${'pods'.padStart(6)} ${'running'.padStart(7)} ${'create/s'.padStart(8)} ` +
      `${'ADD p50'.padStart(8)} ${'ADD p99'.padStart(8)} ${'RUN p50'.padStart(9)} ${'RUN p99'.padStart(9)} ${'ratio'.padStart(6)}`,
  );
  console.log(row(`simulated (${SIM_NODES} nodes)`, figures.sim as Measured | undefined));
  console.log(row('real agent (1 node)', figures.real as Measured | undefined));
  console.log(
    'ADD: create sent → watcher sees ADDED (control plane); RUN: → watcher sees Running; ratio RUN p99 / ADD p99',
  );
  console.log(JSON.stringify(figures));
};

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
