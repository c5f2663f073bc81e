// Store benchmark: creates/s of ~1.5 KB values at 1, 16 and 64 writers with a watcher running,
// and watch latency from acknowledgement to event, beside plain autocommit INSERTs on the same
// server and pool. The watcher is on the writing store; a second store on the same database (as
// another apiserver process would be) watches too, reading history. Prints a table, then one
// JSON line with every figure.
import { promises as fs, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { createDataSource, runMigrations } from '../libs/storage/data-source';
import { startEmbeddedPostgres } from '../libs/storage/embedded-postgres';
import { PostgresStore } from '../libs/storage/postgres-store';
import { createRawInsertTable, rawInsert } from '../libs/storage/raw-insert-baseline';
import { Store, Watcher } from '../libs/storage/store';
import { freePort } from '../libs/testing/postgres';

/** BENCH_WRITERS: comma-separated writer counts to run (default 1,16,64). */
const CONCURRENCY = (process.env.BENCH_WRITERS ?? '1,16,64').split(',').map(Number);
const RUN_MS = Number(process.env.BENCH_RUN_MS ?? 12000);
const ROUNDS = 4;
/** BENCH_REMOTE_WATCHER=0 leaves out the second store's watcher. */
const REMOTE_WATCHER = process.env.BENCH_REMOTE_WATCHER !== '0';
const VALUE = JSON.stringify({ kind: 'ConfigMap', data: { blob: 'x'.repeat(1480) } });

interface Figures {
  writers: number;
  storeOpsPerSec: number;
  rawOpsPerSec: number;
  ratio: number;
  /** CPU microseconds per write, in this process and in PostgreSQL. */
  storeCpuUs: { node: number; pg: number };
  rawCpuUs: { node: number; pg: number };
  watchP50Ms: number;
  watchP99Ms: number;
  watchMaxMs: number;
  remoteWatchP50Ms?: number;
  remoteWatchP99Ms?: number;
  remoteWatchMaxMs?: number;
  eventsInOrderNoGap: boolean;
}

/** Records when each revision under prefix arrives and whether they came in order with no gap. */
class WatchProbe {
  readonly seenAt = new Map<number, bigint>();
  private readonly order: number[] = [];
  private readonly watcher: Watcher;

  constructor(
    store: Store,
    prefix: string,
    private readonly from: number,
  ) {
    this.watcher = store.watch(prefix, from, {
      onEvents: (events) => {
        const now = process.hrtime.bigint();
        for (const e of events) {
          this.seenAt.set(e.revision, now);
          this.order.push(e.revision);
        }
      },
      onError: (error) => console.error('watch failed', error),
    });
  }

  stop(): void {
    this.watcher.stop();
  }

  inOrderNoGap(last: number): boolean {
    return this.order.length === last - this.from && this.order.every((r, i) => r === this.from + 1 + i);
  }

  /** p50, p99 and max of acknowledgement-to-event latency, in ms. */
  latencies(ackedAt: Map<number, bigint>): [number, number, number] {
    const sorted = [...ackedAt]
      .map(([revision, acked]) => {
        const seen = this.seenAt.get(revision);
        return seen === undefined ? Infinity : Math.max(0, Number(seen - acked) / 1e6);
      })
      .sort((a, b) => a - b);
    const round = (ms: number) => Number(ms.toFixed(2));
    return [round(percentile(sorted, 50)), round(percentile(sorted, 99)), round(sorted[sorted.length - 1])];
  }
}

/** Ops and seconds of `writers` closed-loop writers over durationMs; i continues across rounds. */
async function runFor(
  writers: number,
  durationMs: number,
  round: number,
  write: (writer: number, i: number) => Promise<void>,
) {
  const deadline = Date.now() + durationMs;
  let ops = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = round * 1_000_000; Date.now() < deadline; i++) {
        await write(w, i);
        ops++;
      }
    }),
  );
  return { ops, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** Clock ticks per second in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const CLOCK_TICKS = 100;

/**
 * CPU seconds used so far by this process and by the PostgreSQL server with this data directory
 * (postmaster and backends, from /proc; NaN where there is none). On a shared machine, CPU per
 * write moves far less with other people's load than writes per second do.
 */
function cpuMeter(dataDir: string): () => { node: number; pg: number } {
  const stat = (pid: string) => {
    try {
      const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      return {
        ppid: fields[1],
        own: Number(fields[11]) + Number(fields[12]),
        reaped: Number(fields[13]) + Number(fields[14]),
      };
    } catch {
      return undefined;
    }
  };
  const pids = () => {
    try {
      return readdirSync('/proc').filter((name) => /^\d+$/.test(name));
    } catch {
      return [];
    }
  };
  const postmaster = pids().find((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(dataDir);
    } catch {
      return false;
    }
  });
  return () => {
    const usage = process.cpuUsage();
    const node = (usage.user + usage.system) / 1e6;
    if (postmaster === undefined) return { node, pg: NaN };
    let ticks = stat(postmaster)?.reaped ?? NaN;
    for (const pid of pids()) {
      const s = stat(pid);
      if (s && (pid === postmaster || s.ppid === postmaster)) ticks += s.own;
    }
    return { node, pg: ticks / CLOCK_TICKS };
  };
}

interface Totals {
  ops: number;
  seconds: number;
  nodeCpu: number;
  pgCpu: number;
}

/** Alternates raw and store runs so both see the same background load on a shared machine. */
async function interleaved(
  writers: number,
  cpu: () => { node: number; pg: number },
  raw: (w: number, i: number) => Promise<void>,
  store: (w: number, i: number) => Promise<void>,
) {
  const totals: Record<'raw' | 'store', Totals> = {
    raw: { ops: 0, seconds: 0, nodeCpu: 0, pgCpu: 0 },
    store: { ops: 0, seconds: 0, nodeCpu: 0, pgCpu: 0 },
  };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, write] of round % 2 === 0
      ? ([
          ['raw', raw],
          ['store', store],
        ] as const)
      : ([
          ['store', store],
          ['raw', raw],
        ] as const)) {
      const before = cpu();
      const run = await runFor(writers, RUN_MS / ROUNDS, round, write);
      const after = cpu();
      totals[name].ops += run.ops;
      totals[name].seconds += run.seconds;
      totals[name].nodeCpu += after.node - before.node;
      totals[name].pgCpu += after.pg - before.pg;
    }
  }
  /** CPU microseconds per write. */
  const perOp = (t: Totals, seconds: number) => Math.round((seconds / t.ops) * 1e6);
  return {
    rawOpsPerSec: totals.raw.ops / totals.raw.seconds,
    storeOpsPerSec: totals.store.ops / totals.store.seconds,
    storeCpuUs: { node: perOp(totals.store, totals.store.nodeCpu), pg: perOp(totals.store, totals.store.pgCpu) },
    rawCpuUs: { node: perOp(totals.raw, totals.raw.nodeCpu), pg: perOp(totals.raw, totals.raw.pgCpu) },
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const root = await fs.mkdtemp(path.join(tmpdir(), 'kubenest-bench-'));
  await fs.chmod(root, 0o755);
  const dataDir = path.join(root, 'data');
  const pg = await startEmbeddedPostgres({
    dataDir,
    port: await freePort(),
    settings: { max_connections: '200' },
  });
  const dataSource = createDataSource(pg.url, { poolSize: 80, applicationName: 'kubenest-bench' });
  const hardStop = setTimeout(() => {
    console.error('benchmark exceeded its time budget');
    process.exit(2);
  }, 170_000);
  try {
    await runMigrations(dataSource);
    await createRawInsertTable(dataSource);
    const store = await PostgresStore.open({
      url: pg.url,
      dataSource,
      groupCommit: { maxInFlight: Number(process.env.BENCH_IN_FLIGHT ?? 1) },
    });
    const cpu = cpuMeter(dataDir);
    const remote = REMOTE_WATCHER ? await PostgresStore.open({ url: pg.url, poolSize: 4, migrate: false }) : undefined;
    const results: Figures[] = [];

    for (const writers of CONCURRENCY) {
      const from = await store.currentRevision();
      const ackedAt = new Map<number, bigint>();
      const prefix = `/bench/${writers}/`;
      const probes = [new WatchProbe(store, prefix, from)];
      if (remote) probes.push(new WatchProbe(remote, prefix, from));
      const { rawOpsPerSec, storeOpsPerSec, storeCpuUs, rawCpuUs } = await interleaved(
        writers,
        cpu,
        (w, i) => rawInsert(dataSource, `/raw/${writers}/${w}/${i}`, VALUE),
        async (w, i) => {
          const kv = await store.create(`${prefix}${w}/${i}`, VALUE);
          ackedAt.set(kv.modRevision, process.hrtime.bigint());
        },
      );
      const last = await store.currentRevision();
      const deadline = Date.now() + 10_000;
      while (probes.some((p) => p.seenAt.size < last - from) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      for (const probe of probes) probe.stop();

      const [watchP50Ms, watchP99Ms, watchMaxMs] = probes[0].latencies(ackedAt);
      const figures: Figures = {
        writers,
        storeOpsPerSec: Math.round(storeOpsPerSec),
        rawOpsPerSec: Math.round(rawOpsPerSec),
        ratio: Number((storeOpsPerSec / rawOpsPerSec).toFixed(2)),
        storeCpuUs,
        rawCpuUs,
        watchP50Ms,
        watchP99Ms,
        watchMaxMs,
        eventsInOrderNoGap: probes.every((p) => p.inOrderNoGap(last)),
      };
      if (remote) {
        [figures.remoteWatchP50Ms, figures.remoteWatchP99Ms, figures.remoteWatchMaxMs] = probes[1].latencies(ackedAt);
      }
      results.push(figures);
    }
    await store.close();
    await remote?.close();

    console.log(
      `store creates/s of ${VALUE.length}-byte values with a watcher running${REMOTE_WATCHER ? ' on the store and one on a second store' : ''}, vs plain autocommit INSERTs (${RUN_MS} ms each, in ${ROUNDS} alternating rounds)`,
    );
    console.log(
      'writers  store/s    raw/s   store/raw  CPU µs/write store node+pg, raw node+pg  watch p50/p99/max ms   second store p50/p99/max ms  in order, no gap',
    );
    const ms = (...values: (number | undefined)[]) =>
      values
        .map((v) => (v === undefined ? '-' : v.toFixed(2)))
        .join('/')
        .padStart(21);
    for (const r of results) {
      console.log(
        `${String(r.writers).padStart(7)}  ${String(r.storeOpsPerSec).padStart(7)}  ${String(r.rawOpsPerSec).padStart(7)}  ${r.ratio.toFixed(2).padStart(9)}  ${`${r.storeCpuUs.node}+${r.storeCpuUs.pg}, ${r.rawCpuUs.node}+${r.rawCpuUs.pg}`.padStart(42)}  ${ms(r.watchP50Ms, r.watchP99Ms, r.watchMaxMs)}  ${ms(r.remoteWatchP50Ms, r.remoteWatchP99Ms, r.remoteWatchMaxMs).padStart(27)}  ${r.eventsInOrderNoGap}`,
      );
    }
    console.log(JSON.stringify({ bench: 'store', valueBytes: VALUE.length, runMs: RUN_MS, results }));
  } finally {
    clearTimeout(hardStop);
    if (dataSource.isInitialized) await dataSource.destroy();
    await pg.stop();
    await fs.rm(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
