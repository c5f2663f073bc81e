// Scheduler benchmark: pods scheduled per second for a backlog of pending pods on in-process
// nodes, with the registry on a real PostgreSQL store in this process, beside the ceiling: the
// same store's rate of POST pods/binding for as many pending pods with no scheduling at all.
//
// The pods are created first and the scheduler started after, as kube's scheduler_perf measures
// a backlog: the creates would otherwise share the store and the two cores with the scheduler,
// and the figure would be the creation rate, not the scheduling rate. The clock starts at
// start(), so the scheduler's first list of nodes and pods is counted; the steady rate from the
// first binding on is printed beside it. A pod is done when a watch sees its spec.nodeName.
// Each scenario runs on a database of its own, dropped afterwards. Prints a line per scenario,
// then one JSON line with every figure.
import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Logger } from '@nestjs/common';
import { Client as PgClient } from 'pg';
import type { ReplicaSet } from '../libs/api/apps/types';
import type { Pod } from '../libs/api/core/types';
import { KUBE_SCHEDULER_USER } from '../libs/auth';
import { ResourceClient, ResourceInterface, ResourceRef, resources, WatchEvent } from '../libs/client';
import { InformerFactory } from '../libs/controllers';
import { Scheduler } from '../libs/scheduler';
import { startEmbeddedPostgres } from '../libs/storage/embedded-postgres';
import { PostgresStore } from '../libs/storage/postgres-store';
import { freePort } from '../libs/testing/postgres';
import { startTestControlPlane, TestControlPlane } from '../libs/testing/test-control-plane';
import { benchNode, benchPod, benchReplicaSet, groupOf, PodConstraint, zoneOf } from './scheduler-bench-objects';

interface Scenario {
  name: string;
  nodes: number;
  constraint: PodConstraint;
  /** pods/s the issue asks for; none for the runs it only asks to measure. */
  target?: number;
  /** The ceiling: bindings posted by the bench itself, no scheduler. */
  ceiling?: boolean;
}

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
/** BENCH_PODS: pending pods per scenario. */
const PODS = env('BENCH_PODS', 10_000);
/** BENCH_NODES: overrides every scenario's node count (to shrink a run). */
const NODES_OVERRIDE = process.env.BENCH_NODES === undefined ? undefined : Number(process.env.BENCH_NODES);
/** BENCH_ZONES: zone labels the nodes are spread over (node i in zone-(i % zones)). */
const ZONES = env('BENCH_ZONES', 10);
/** BENCH_GROUP_SIZE: pods per anti-affinity group (no two of a group on one node); at most the node count. */
const GROUP_SIZE = env('BENCH_GROUP_SIZE', 100);
/** BENCH_RS_SIZE: pods per ReplicaSet in default-spread (10, as bench:controllers' Deployments). */
const RS_SIZE = env('BENCH_RS_SIZE', 10);
/** BENCH_WRITERS: concurrent creates of nodes and pods, and concurrent bindings for the ceiling. */
const WRITERS = env('BENCH_WRITERS', 64);
/** BENCH_TIMEOUT_S: how long a scenario may take to bind every pod before it is reported unfinished. */
const TIMEOUT_MS = env('BENCH_TIMEOUT_S', 300) * 1000;
/** BENCH_BUDGET_S: the whole run's budget; past it the bench cleans up and exits 2. */
const BUDGET_MS = env('BENCH_BUDGET_S', 1800) * 1000;

/** BENCH_CPU_PROFILE: a directory to write <scenario>.cpuprofile to, covering only the timed window. */
const PROFILE_DIR = process.env.BENCH_CPU_PROFILE;

const SCENARIOS: Scenario[] = [
  { name: 'ceiling', nodes: 1000, constraint: 'none', ceiling: true },
  { name: 'plain-1k', nodes: 1000, constraint: 'none', target: 1000 },
  { name: 'plain-5k', nodes: 5000, constraint: 'none', target: 680 },
  { name: 'anti-affinity', nodes: 1000, constraint: 'anti-affinity' },
  { name: 'spread', nodes: 1000, constraint: 'spread' },
  { name: 'default-spread', nodes: 1000, constraint: 'default-spread' },
];
/** BENCH_SCENARIOS: a comma-separated subset of the names above (default all). */
const CHOSEN = process.env.BENCH_SCENARIOS?.split(',').map((s) => s.trim()) ?? SCENARIOS.map((s) => s.name);

const NAMESPACE = 'bench';

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] : NaN;
const round = (n: number, digits = 1) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : null);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const statFields = (pid: number): string[] => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');

/** CPU seconds of PostgreSQL: the postmaster, its live backends, and the ended ones it has reaped. */
const postgresCpuSeconds = (dataDir: string): number => {
  try {
    const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const own = statFields(postmaster);
    let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
    for (const entry of readdirSync('/proc')) {
      const pid = Number(entry);
      if (!pid) continue;
      try {
        const fields = statFields(pid);
        if (Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        // the backend ended meanwhile; the postmaster counts it once reaped
      }
    }
    return ticks / 100;
  } catch {
    return NaN;
  }
};

const processCpuSeconds = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

/** Runs op(i) for i in [0, count) with `writers` in flight. */
const inParallel = async (count: number, writers: number, op: (i: number) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(writers, count) }, async () => {
      while (next < count) await op(next++);
    }),
  );
};

/** Every POST pods/binding through a client: per pod, the successes, and each call's latency. */
class BindingCounter {
  readonly succeeded = new Map<string, number>();
  failed = 0;
  readonly latenciesMs: number[] = [];

  wrap(client: ResourceClient): ResourceClient {
    return {
      resource: (ref: ResourceRef) => {
        const inner = client.resource(ref);
        if (ref.group !== '' || ref.resource !== 'pods') return inner;
        return new Proxy(inner, {
          get: (target, property, receiver) => {
            if (property !== 'createSubresource') {
              const value: unknown = Reflect.get(target, property, receiver);
              return typeof value === 'function' ? value.bind(target) : value;
            }
            return async (...args: Parameters<ResourceInterface['createSubresource']>) => {
              const [, name, subresource] = args;
              const started = performance.now();
              try {
                const answer: unknown = await target.createSubresource(...args);
                if (subresource === 'binding') this.succeeded.set(name, (this.succeeded.get(name) ?? 0) + 1);
                return answer;
              } catch (error) {
                if (subresource === 'binding') this.failed++;
                throw error;
              } finally {
                if (subresource === 'binding') this.latenciesMs.push(performance.now() - started);
              }
            };
          },
        });
      },
    } as ResourceClient;
  }
}

/** Watches the bench's pods: when each is first seen bound, to which node, and any later rebinding. */
class BindingWatch {
  readonly boundAt = new Map<string, number>();
  readonly nodeOf = new Map<string, string>();
  rebinds = 0;
  private readonly stopWatch: () => void;
  private waiter?: () => void;

  constructor(
    pods: ResourceInterface<Pod>,
    resourceVersion: string,
    private readonly expected: number,
  ) {
    const watch = pods.watch(NAMESPACE, { resourceVersion }, (event: WatchEvent<Pod>) => this.seen(event));
    this.stopWatch = () => watch.stop();
    void watch.done.then((end) => {
      if (end !== 'stopped') console.error(`the pods watch ended: ${end}`);
    });
  }

  private seen(event: WatchEvent<Pod>): void {
    if (event.type !== 'ADDED' && event.type !== 'MODIFIED') return;
    const pod = event.object as Pod;
    const name = pod.metadata.name!;
    const node = pod.spec?.nodeName;
    if (!node) return;
    const before = this.nodeOf.get(name);
    if (before === undefined) {
      this.boundAt.set(name, performance.now());
      this.nodeOf.set(name, node);
      if (this.boundAt.size >= this.expected) this.waiter?.();
    } else if (before !== node) {
      this.rebinds++;
    }
  }

  /** Resolves once every pod is bound or at the deadline, whichever comes first. */
  allBound(timeoutMs: number): Promise<void> {
    if (this.boundAt.size >= this.expected) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiter = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  stop(): void {
    this.stopWatch();
  }
}

/** The index in a bench object's name (pod-12, node-3). */
const indexOf = (name: string) => Number(name.slice(name.lastIndexOf('-') + 1));

/** Whether the final placement honours the pods' constraint (no two of a group on a node; zone skew ≤ 1). */
const constraintHeld = (
  constraint: PodConstraint,
  nodeOf: Map<string, string>,
  nodes: number,
  groupSize: number,
): boolean => {
  if (constraint === 'anti-affinity') {
    const seen = new Set<string>();
    for (const [name, node] of nodeOf) {
      const key = `${groupOf(indexOf(name), groupSize)}/${node}`;
      if (seen.has(key)) return false;
      seen.add(key);
    }
    return true;
  }
  if (constraint === 'spread') {
    const perZone = new Map<string, number>();
    for (let z = 0; z < Math.min(ZONES, nodes); z++) perZone.set(zoneOf(z, ZONES), 0);
    for (const node of nodeOf.values()) {
      const zone = zoneOf(indexOf(node), ZONES);
      perZone.set(zone, (perZone.get(zone) ?? 0) + 1);
    }
    const counts = [...perZone.values()];
    return Math.max(...counts) - Math.min(...counts) <= 1;
  }
  return true;
};

interface ScenarioFigures {
  name: string;
  nodes: number;
  pods: number;
  constraint: PodConstraint;
  /** Pods per anti-affinity group or ReplicaSet, for those scenarios. */
  groupSize?: number;
  nodeCreatesPerSec: number | null;
  podCreatesPerSec: number | null;
  bound: number;
  finished: boolean;
  seconds: number | null;
  /** pods (or bindings, for the ceiling) per second from start() to the last binding seen. */
  podsPerSec: number | null;
  /** From the first binding seen to the last. */
  steadyPodsPerSec: number | null;
  firstBindingMs: number | null;
  target?: number;
  /** CPU per pod in this process (scheduler, registry, store client, the watch) and in PostgreSQL, µs. */
  cpuUsPerPod: { node: number | null; pg: number | null };
  /** From a pod's create to the watch seeing it bound; with the backlog created first, mostly its wait in the queue. */
  createToBoundP50Ms: number | null;
  createToBoundP99Ms: number | null;
  bindCallP50Ms: number | null;
  bindCallP99Ms: number | null;
  bindingFailures: number;
  rebinds: number;
  boundExactlyOnce: boolean;
  constraintHeld: boolean;
  ratioToCeiling?: number | null;
  /** This process's CPU per pod less the ceiling's per binding: what scheduling itself costs. */
  schedulingCpuUsPerPod?: number;
}

interface RunContext {
  pgUrl: string;
  pgDataDir: string;
}

const databaseUrl = (serverUrl: string, database: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
};

const withAdminConnection = async (serverUrl: string, sql: string) => {
  const client = new PgClient({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

/** What a scenario times: started when the clock starts, stopped once every pod is bound. */
interface Runner {
  start(): Promise<void>;
  /** Resolves once the bindings started so far have been answered (the watch may see one first). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** Bindings posted by the bench itself, round-robin over the nodes: the store's ceiling. */
const bindingPoster = (client: ResourceClient, nodes: number): Runner => {
  let posting: Promise<void> = Promise.resolve();
  const post = (i: number) => {
    const name = `pod-${i}`;
    const binding = {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name, namespace: NAMESPACE },
      target: { kind: 'Node', name: `node-${i % nodes}` },
    };
    // A failure is counted by the BindingCounter and shows as a pod never bound.
    return client
      .resource(resources.pods)
      .createSubresource(NAMESPACE, name, 'binding', binding)
      .then(
        () => undefined,
        () => undefined,
      );
  };
  return {
    start: () => (posting = inParallel(PODS, WRITERS, post)),
    idle: () => posting,
    stop: async () => undefined,
  };
};

/** The scheduler under test, on informers of its own client as in the apiserver. */
const schedulerRunner = (client: ResourceClient): Runner => {
  const informers = new InformerFactory(client);
  const scheduler = new Scheduler({ client, informers });
  return {
    start: () => scheduler.start(),
    idle: () => scheduler.idle(),
    stop: async () => {
      await scheduler.stop();
      informers.stop();
    },
  };
};

/** Profiles this process between start() and the stop it returns, when BENCH_CPU_PROFILE asks for it. */
const profileWindow = async (name: string): Promise<() => Promise<void>> => {
  if (!PROFILE_DIR) return async () => undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    await fs.mkdir(PROFILE_DIR, { recursive: true });
    await fs.writeFile(path.join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  };
};

const runScenario = async (context: RunContext, scenario: Scenario): Promise<ScenarioFigures> => {
  const nodes = NODES_OVERRIDE ?? scenario.nodes;
  const groupSize = scenario.constraint === 'default-spread' ? RS_SIZE : Math.min(GROUP_SIZE, nodes);
  const database = `bench_${scenario.name.replace(/\W/g, '_')}`;
  await withAdminConnection(context.pgUrl, `CREATE DATABASE ${database}`);
  let plane: TestControlPlane | undefined;
  let watch: BindingWatch | undefined;
  let runner: Runner | undefined;
  try {
    const store = await PostgresStore.open({ url: databaseUrl(context.pgUrl, database) });
    plane = await startTestControlPlane({ store });
    const admin = plane.admin;
    await admin
      .resource(resources.namespaces)
      .create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } });

    let started = performance.now();
    await inParallel(nodes, WRITERS, async (i) => {
      await admin.resource(resources.nodes).create(benchNode(i, ZONES));
    });
    const nodeCreatesPerSec = nodes / ((performance.now() - started) / 1000);

    const ownerUids: string[] = [];
    if (scenario.constraint === 'default-spread') {
      const groups = Math.ceil(PODS / groupSize);
      await inParallel(groups, WRITERS, async (g) => {
        const rs = benchReplicaSet(groupOf(g * groupSize, groupSize), NAMESPACE, groupSize);
        ownerUids[g] = (await admin.resource<ReplicaSet>(resources.replicaSets).create(rs)).metadata.uid!;
      });
    }

    const createdAt = new Map<string, number>();
    const pods = admin.resource<Pod>(resources.pods);
    started = performance.now();
    await inParallel(PODS, WRITERS, async (i) => {
      const owner = ownerUids[Math.floor(i / groupSize)];
      const pod = await pods.create(benchPod(i, NAMESPACE, scenario.constraint, groupSize, owner));
      createdAt.set(pod.metadata.name!, performance.now());
    });
    const podCreatesPerSec = PODS / ((performance.now() - started) / 1000);

    const { resourceVersion } = (await pods.list(NAMESPACE, { limit: 1 })).metadata;
    watch = new BindingWatch(pods, resourceVersion!, PODS);
    const counter = new BindingCounter();
    const client = counter.wrap(plane.clientFor(KUBE_SCHEDULER_USER));
    runner = scenario.ceiling ? bindingPoster(client, nodes) : schedulerRunner(client);

    const stopProfile = await profileWindow(scenario.name);
    const cpuBefore = { node: processCpuSeconds(), pg: postgresCpuSeconds(context.pgDataDir) };
    started = performance.now();
    const starting = runner.start().catch((error: unknown) => console.error(`${scenario.name}: start failed`, error));
    await watch.allBound(TIMEOUT_MS);
    const cpuAfter = { node: processCpuSeconds(), pg: postgresCpuSeconds(context.pgDataDir) };
    await stopProfile();
    await Promise.race([starting.then(() => runner!.idle()), sleep(10_000)]);

    const boundTimes = [...watch.boundAt.values()].sort((a, b) => a - b);
    const bound = boundTimes.length;
    const finished = bound === PODS;
    const first = boundTimes[0];
    const last = boundTimes[bound - 1];
    const seconds = finished ? (last - started) / 1000 : NaN;
    const createToBound = [...watch.boundAt].map(([name, at]) => at - createdAt.get(name)!).sort((a, b) => a - b);
    const bindCalls = [...counter.latenciesMs].sort((a, b) => a - b);
    const doneCount = Math.max(1, bound);
    const boundOnce = finished && watch.rebinds === 0 && [...counter.succeeded.values()].every((n) => n === 1);
    return {
      name: scenario.name,
      nodes,
      pods: PODS,
      constraint: scenario.constraint,
      groupSize:
        scenario.constraint === 'anti-affinity' || scenario.constraint === 'default-spread' ? groupSize : undefined,
      nodeCreatesPerSec: round(nodeCreatesPerSec, 0),
      podCreatesPerSec: round(podCreatesPerSec, 0),
      bound,
      finished,
      seconds: round(seconds, 2),
      podsPerSec: round(PODS / seconds, 0),
      steadyPodsPerSec: finished && bound > 1 ? round((bound - 1) / ((last - first) / 1000), 0) : null,
      firstBindingMs: bound ? round(first - started, 0) : null,
      target: scenario.target,
      cpuUsPerPod: {
        node: round(((cpuAfter.node - cpuBefore.node) * 1e6) / doneCount, 0),
        pg: round(((cpuAfter.pg - cpuBefore.pg) * 1e6) / doneCount, 0),
      },
      createToBoundP50Ms: round(percentile(createToBound, 50)),
      createToBoundP99Ms: round(percentile(createToBound, 99)),
      bindCallP50Ms: round(percentile(bindCalls, 50), 2),
      bindCallP99Ms: round(percentile(bindCalls, 99), 2),
      bindingFailures: counter.failed,
      rebinds: watch.rebinds,
      boundExactlyOnce: boundOnce && counter.succeeded.size === PODS,
      constraintHeld: constraintHeld(scenario.constraint, watch.nodeOf, nodes, groupSize),
    };
  } finally {
    watch?.stop();
    await runner?.stop();
    await plane?.stop();
    await withAdminConnection(context.pgUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
};

const summary = (r: ScenarioFigures): string => {
  const head = `${r.name.padEnd(13)} ${String(r.nodes).padStart(5)} nodes ${String(r.pods).padStart(6)} pods`;
  if (!r.finished) return `${head}  UNFINISHED: ${r.bound}/${r.pods} bound within ${TIMEOUT_MS / 1000} s`;
  const unit = r.name === 'ceiling' ? 'bindings/s' : 'pods/s';
  const target = r.target ? ` (target ${r.target}: ${r.podsPerSec! >= r.target ? 'met' : 'MISSED'})` : '';
  return [
    `${head}  ${r.podsPerSec} ${unit}${target}; steady ${r.steadyPodsPerSec}/s after the first binding at ${r.firstBindingMs} ms`,
    `${''.padEnd(13)} CPU µs/pod: this process ${r.cpuUsPerPod.node}, PostgreSQL ${r.cpuUsPerPod.pg}; create→bound p50/p99 ${r.createToBoundP50Ms}/${r.createToBoundP99Ms} ms; binding call p50/p99 ${r.bindCallP50Ms}/${r.bindCallP99Ms} ms`,
    `${''.padEnd(13)} bound exactly once: ${r.boundExactlyOnce} (failed bindings ${r.bindingFailures}, rebinds ${r.rebinds}); constraint held: ${r.constraintHeld}; creates/s nodes ${r.nodeCreatesPerSec}, pods ${r.podCreatesPerSec}`,
  ].join('\n');
};

const main = async () => {
  const unknown = CHOSEN.filter((name) => !SCENARIOS.some((s) => s.name === name));
  if (unknown.length)
    throw new Error(`unknown scenarios ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name)}`);
  Logger.overrideLogger(['error']);
  const root = await fs.mkdtemp(path.join(tmpdir(), 'kubenest-bench-scheduler-'));
  await fs.chmod(root, 0o755);
  const pgDataDir = path.join(root, 'pg');
  const pg = await startEmbeddedPostgres({
    dataDir: pgDataDir,
    port: await freePort(),
    settings: { max_connections: '200' },
  });
  const cleanUp = async () => {
    await pg.stop();
    await fs.rm(root, { recursive: true, force: true });
  };
  const hardStop = setTimeout(() => {
    console.error(`the benchmark exceeded its budget of ${BUDGET_MS / 1000} s`);
    void cleanUp().finally(() => process.exit(2));
  }, BUDGET_MS);
  try {
    const results: ScenarioFigures[] = [];
    for (const scenario of SCENARIOS.filter((s) => CHOSEN.includes(s.name))) {
      const figures = await runScenario({ pgUrl: pg.url, pgDataDir }, scenario);
      results.push(figures);
      console.log(summary(figures));
    }
    const ceiling = results.find((r) => r.name === 'ceiling');
    const scheduled = results.filter((r) => r !== ceiling);
    if (ceiling?.podsPerSec && scheduled.length) {
      console.log(
        `against the ceiling of ${ceiling.podsPerSec} bindings/s (${ceiling.cpuUsPerPod.node} µs of this process's CPU per binding):`,
      );
      for (const r of scheduled) {
        r.ratioToCeiling = r.podsPerSec === null ? null : round(r.podsPerSec / ceiling.podsPerSec, 2);
        if (r.cpuUsPerPod.node !== null && ceiling.cpuUsPerPod.node !== null) {
          r.schedulingCpuUsPerPod = r.cpuUsPerPod.node - ceiling.cpuUsPerPod.node;
        }
        console.log(
          `  ${r.name}: ${r.ratioToCeiling} of its rate; ${r.schedulingCpuUsPerPod ?? '-'} µs of CPU per pod besides the binding`,
        );
      }
    }
    console.log(
      JSON.stringify({
        bench: 'scheduler',
        pods: PODS,
        zones: ZONES,
        writers: WRITERS,
        results,
      }),
    );
  } finally {
    clearTimeout(hardStop);
    await cleanUp();
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
