// Controllers benchmark: BENCH_DEPLOYMENTS Deployments of BENCH_REPLICAS replicas on BENCH_NODES
// simulated nodes (one agent process with --simulate), through the real path: the Deployment and
// ReplicaSet loops create the pods, the scheduler binds them, the agent runs them and reports them
// Ready, the Deployment loop marks the Deployments Available. Measures the time from the first create
// until every pod is Running and every Deployment Available, pods created and bound per second, the
// CPU per pod of the server, PostgreSQL and the agent, and the scheduler's share of the server's time
// (from a CPU profile of the timed window). Prints the figures, then one JSON line; bounded in time;
// stops everything it started.
import { promises as fs, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { bootstrapTokenSecret, formatBootstrapToken, generateBootstrapToken } from '../libs/auth/authn/bootstrap-token';
import { caPublicKeyHash } from '../libs/pki/ca-public-key-hash';
import { startEmbeddedPostgres } from '../libs/storage/embedded-postgres';
import { startKubenest } from '../libs/testing/kubenest-server';
import { freePort } from '../libs/testing/postgres';
import { KubeObject } from '../libs/apimachinery';
import { HttpsResourceClient, resources } from '../libs/client';
import { AgentProcess, startAgentProcess } from './agent-process';
import { profileWindowShares } from './cpu-profile-window';
import { cpuSeconds, postgresCpuSeconds } from './process-cpu';

const DEPLOYMENTS = Number(process.env.BENCH_DEPLOYMENTS ?? 1000);
const REPLICAS = Number(process.env.BENCH_REPLICAS ?? 10);
const NODES = Number(process.env.BENCH_NODES ?? 1000);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 8);
/** The whole rollout may take no longer than this; what was reached by then is reported. */
const BUDGET_MS = Number(process.env.BENCH_BUDGET_MS ?? 300_000);
const JOIN_BUDGET_MS = Number(process.env.BENCH_JOIN_BUDGET_MS ?? 180_000);
/** BENCH_CPU_PROFILE=0 runs the server without --cpu-prof (no scheduler share then). */
const PROFILE = process.env.BENCH_CPU_PROFILE !== '0';
const TARGET_SECONDS = 60;
const NAMESPACE = 'bench-controllers';
const PODS = DEPLOYMENTS * REPLICAS;

interface Condition {
  type: string;
  status: string;
}
type Pod = KubeObject & { spec?: { nodeName?: string }; status?: { phase?: string } };
type Deployment = KubeObject & {
  spec?: { replicas?: number };
  status?: { availableReplicas?: number; conditions?: Condition[] };
};
type Node = KubeObject & { status?: { conditions?: Condition[] } };

const nowUs = () => Number(process.hrtime.bigint() / 1000n);
const round = (n: number, digits = 1) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : null);

const deployment = (i: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: `web-${i}`, namespace: NAMESPACE },
  spec: {
    replicas: REPLICAS,
    selector: { matchLabels: { app: `web-${i}` } },
    template: {
      metadata: { labels: { app: `web-${i}` } },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [
          {
            name: 'app',
            image: 'busybox',
            command: ['sh', '-c', 'sleep 3600'],
            resources: { requests: { cpu: '10m', memory: '16Mi' } },
          },
        ],
      },
    },
  },
});

const isAvailable = (d: Deployment) =>
  d.status?.conditions?.some((c) => c.type === 'Available' && c.status === 'True') === true &&
  d.status.availableReplicas === (d.spec?.replicas ?? 1);

/** When each pod was first seen, first seen bound, first seen Running; when each Deployment was first Available. */
const watchRollout = (client: HttpsResourceClient, resourceVersion: string) => {
  const added = new Map<string, number>();
  const bound = new Map<string, number>();
  const running = new Map<string, number>();
  const available = new Map<string, number>();
  const pods = client.resource<Pod>(resources.pods).watch(NAMESPACE, { resourceVersion }, (event) => {
    if (event.type !== 'ADDED' && event.type !== 'MODIFIED') return;
    const now = nowUs();
    const pod = event.object as Pod;
    const name = pod.metadata!.name!;
    if (!added.has(name)) added.set(name, now);
    if (pod.spec?.nodeName && !bound.has(name)) bound.set(name, now);
    if (pod.status?.phase === 'Running' && !running.has(name)) running.set(name, now);
  });
  const deployments = client
    .resource<Deployment>(resources.deployments)
    .watch(NAMESPACE, { resourceVersion }, (event) => {
      if (event.type !== 'ADDED' && event.type !== 'MODIFIED') return;
      const d = event.object as Deployment;
      if (isAvailable(d) && !available.has(d.metadata!.name!)) available.set(d.metadata!.name!, nowUs());
    });
  return {
    added,
    bound,
    running,
    available,
    stop: () => {
      pods.stop();
      deployments.stop();
    },
  };
};

const waitUntil = async (what: () => boolean | Promise<boolean>, timeoutMs: number, failed?: () => boolean) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await what())) {
    if (Date.now() > deadline || failed?.()) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
  return true;
};

const readyNodes = async (client: HttpsResourceClient) =>
  (await client.resource<Node>(resources.nodes).list(undefined)).items.filter((n) =>
    n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
  ).length;

/** Creates the Deployments with WRITERS in flight; returns how many failed. */
const createDeployments = async (client: HttpsResourceClient) => {
  const api = client.resource<Deployment>(resources.deployments);
  let next = 0;
  let failures = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < DEPLOYMENTS) {
        await api.create(deployment(next++) as Deployment).catch(() => failures++);
      }
    }),
  );
  return failures;
};

const lastOf = (times: Map<string, number>) => Math.max(...times.values());

const main = async () => {
  const benchStarted = Date.now();
  const root = await fs.mkdtemp(path.join(tmpdir(), 'kubenest-bench-controllers-'));
  const pgDataDir = path.join(root, 'pg');
  const profileDir = path.join(root, 'profile');
  const pg = await startEmbeddedPostgres({
    dataDir: pgDataDir,
    port: await freePort(),
    settings: { max_connections: '200' },
  });
  const nodeArgs = PROFILE ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const server = await startKubenest({ DATABASE_URL: pg.url }, { nodeArgs });
  const client = new HttpsResourceClient({ server: server.url, caPem: server.caPem, bearerToken: server.token });
  let fleet: AgentProcess | undefined;
  const figures: Record<string, unknown> = {
    bench: 'controllers',
    deployments: DEPLOYMENTS,
    replicas: REPLICAS,
    nodes: NODES,
    pods: PODS,
  };
  let window: { fromUs: number; toUs: number } | undefined;
  let serverStopped = false;
  try {
    const token = generateBootstrapToken();
    const secret = bootstrapTokenSecret(token, { groups: ['system:bootstrappers:kubeadm:default-node-token'] });
    await client.resource(resources.secrets).create(secret as KubeObject);
    await client.resource(resources.namespaces).create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: NAMESPACE },
    });

    const joinStarted = performance.now();
    fleet = startAgentProcess([
      ...['--server', server.url, '--token', formatBootstrapToken(token)],
      ...['--ca-cert-hash', caPublicKeyHash(server.caPem)],
      ...['--name', 'sim', '--simulate', String(NODES), '--data-dir', path.join(root, 'sim')],
    ]);
    const agent = fleet;
    const joined = await waitUntil(
      async () => agent.output().includes(`serving ${NODES} nodes`) && (await readyNodes(client)) === NODES,
      JOIN_BUDGET_MS,
      () => agent.child.exitCode !== null,
    );
    figures.joinSeconds = round((performance.now() - joinStarted) / 1000);
    if (!joined) throw new Error(`${NODES} simulated nodes did not all join and turn Ready:\n${agent.output()}`);
    console.log(`${NODES} simulated nodes joined and Ready in ${figures.joinSeconds} s`);

    const { metadata } = await client.resource<Pod>(resources.pods).list(NAMESPACE, { limit: 1 });
    const rollout = watchRollout(client, metadata.resourceVersion!);
    try {
      const cpuBefore = {
        server: cpuSeconds(server.pid),
        postgres: postgresCpuSeconds(pgDataDir),
        agent: cpuSeconds(agent.child.pid!),
        bench: process.cpuUsage(),
      };
      const fromUs = nowUs();
      const createFailures = await createDeployments(client);
      const createdUs = nowUs();
      const done = await waitUntil(
        () => rollout.running.size >= PODS && rollout.available.size >= DEPLOYMENTS - createFailures,
        BUDGET_MS,
        () => agent.child.exitCode !== null,
      );
      const toUs = nowUs();
      window = { fromUs, toUs };
      const cpu = {
        server: cpuSeconds(server.pid) - cpuBefore.server,
        postgres: postgresCpuSeconds(pgDataDir) - cpuBefore.postgres,
        agent: cpuSeconds(agent.child.pid!) - cpuBefore.agent,
        bench: (({ user, system }) => (user + system) / 1e6)(process.cpuUsage(cpuBefore.bench)),
      };
      const secondsTo = (us: number) => (us - fromUs) / 1e6;
      const controlPlaneCpu = cpu.server + cpu.postgres + cpu.agent;
      Object.assign(figures, {
        completed: done,
        deploymentCreateFailures: createFailures,
        deploymentsCreateSeconds: round(secondsTo(createdUs), 2),
        podsCreated: rollout.added.size,
        podsBound: rollout.bound.size,
        podsRunning: rollout.running.size,
        deploymentsAvailable: rollout.available.size,
        allRunningSeconds: rollout.running.size >= PODS ? round(secondsTo(lastOf(rollout.running))) : null,
        allAvailableSeconds: done ? round(secondsTo(lastOf(rollout.available))) : null,
        podsCreatedPerSec: rollout.added.size ? Math.round(rollout.added.size / secondsTo(lastOf(rollout.added))) : 0,
        podsBoundPerSec: rollout.bound.size ? Math.round(rollout.bound.size / secondsTo(lastOf(rollout.bound))) : 0,
        windowSeconds: round(secondsTo(toUs)),
        serverCpuSeconds: round(cpu.server),
        postgresCpuSeconds: round(cpu.postgres),
        agentCpuSeconds: round(cpu.agent),
        benchCpuSeconds: round(cpu.bench),
        serverCpuMsPerPod: round((cpu.server * 1000) / PODS, 2),
        postgresCpuMsPerPod: round((cpu.postgres * 1000) / PODS, 2),
        agentCpuMsPerPod: round((cpu.agent * 1000) / PODS, 2),
        storeShare: round(cpu.postgres / controlPlaneCpu, 3),
      });
    } finally {
      rollout.stop();
    }
  } finally {
    await fleet?.stop();
    client.close();
    await server.stop();
    serverStopped = true;
    await pg.stop();
    if (serverStopped && window && PROFILE) {
      const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
      if (file) {
        const folders = ['/libs/scheduler/', '/libs/controllers/', '/libs/storage/', '/libs/registry/'];
        const shares = profileWindowShares(path.join(profileDir, file), window.fromUs, window.toUs, folders);
        const serverShare = (folder: string) => round(shares.shares[folder], 3);
        const toTotal = (folder: string) =>
          round(
            (shares.shares[folder] * (figures.serverCpuSeconds as number)) /
              ((figures.serverCpuSeconds as number) +
                (figures.postgresCpuSeconds as number) +
                (figures.agentCpuSeconds as number)),
            3,
          );
        Object.assign(figures, {
          profiledSamples: shares.busySamples,
          schedulerShareOfServer: serverShare('/libs/scheduler/'),
          schedulerShareOfTotal: toTotal('/libs/scheduler/'),
          controllersShareOfServer: serverShare('/libs/controllers/'),
          storageShareOfServer: serverShare('/libs/storage/'),
          registryShareOfServer: serverShare('/libs/registry/'),
        });
        figures.topSelf = shares.topSelf.slice(0, 10).map((t) => `${(t.share * 100).toFixed(1)}% ${t.fn}`);
        if (process.env.BENCH_KEEP_PROFILE)
          await fs.copyFile(path.join(profileDir, file), process.env.BENCH_KEEP_PROFILE);
      }
    }
    await fs.rm(root, { recursive: true, force: true });
  }
  figures.totalSeconds = Math.round((Date.now() - benchStarted) / 1000);
  report(figures);
};

const report = (f: Record<string, unknown>) => {
  const pct = (x: unknown) => (typeof x === 'number' ? `${(x * 100).toFixed(1)}%` : 'n/a');
  console.log(`${f.deployments} Deployments × ${f.replicas} replicas = ${f.pods} pods on ${f.nodes} simulated nodes`);
  console.log(`  Deployments created in ${f.deploymentsCreateSeconds} s (${f.deploymentCreateFailures} failed)`);
  console.log(
    `  all pods Running after ${f.allRunningSeconds ?? 'n/a'} s (${f.podsRunning}/${f.pods}); ` +
      `all Deployments Available after ${f.allAvailableSeconds ?? 'n/a'} s (${f.deploymentsAvailable}/${f.deployments}); ` +
      `target < ${TARGET_SECONDS} s`,
  );
  console.log(`  pods created ${f.podsCreatedPerSec}/s, bound ${f.podsBoundPerSec}/s`);
  console.log(
    `  CPU in the window (${f.windowSeconds} s): server ${f.serverCpuSeconds} s, PostgreSQL ${f.postgresCpuSeconds} s, ` +
      `agent ${f.agentCpuSeconds} s, this bench ${f.benchCpuSeconds} s`,
  );
  console.log(
    `  CPU per pod: server ${f.serverCpuMsPerPod} ms, PostgreSQL ${f.postgresCpuMsPerPod} ms, agent ${f.agentCpuMsPerPod} ms`,
  );
  console.log(`  store (PostgreSQL) share of server + PostgreSQL + agent CPU: ${pct(f.storeShare)}`);
  console.log(
    `  scheduler share: ${pct(f.schedulerShareOfServer)} of the server's CPU, ${pct(f.schedulerShareOfTotal)} of the total; ` +
      `controllers ${pct(f.controllersShareOfServer)}, registry ${pct(f.registryShareOfServer)}, storage ${pct(f.storageShareOfServer)} of the server's`,
  );
  if (Array.isArray(f.topSelf)) console.log(`  server's top self time:\n    ${f.topSelf.join('\n    ')}`);
  console.log(JSON.stringify(f));
};

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
