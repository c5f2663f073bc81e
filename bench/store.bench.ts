// Store benchmark: creates/s of ~1.5 KB values at 1, 16 and 64 writers with a watcher running,
// and watch latency from acknowledgement to event, beside plain autocommit INSERTs on the same
// server and pool. Prints a table, then one JSON line with every figure.
import { promises as fs } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { createDataSource, runMigrations } from '../libs/storage/data-source';
import { startEmbeddedPostgres } from '../libs/storage/embedded-postgres';
import { PostgresStore } from '../libs/storage/postgres-store';
import { createRawInsertTable, rawInsert } from '../libs/storage/raw-insert-baseline';
import { freePort } from '../libs/testing/postgres';

const CONCURRENCY = [1, 16, 64];
const RUN_MS = Number(process.env.BENCH_RUN_MS ?? 12000);
const ROUNDS = 4;
const VALUE = JSON.stringify({ kind: 'ConfigMap', data: { blob: 'x'.repeat(1480) } });

interface Figures {
  writers: number;
  storeOpsPerSec: number;
  rawOpsPerSec: number;
  ratio: number;
  watchP50Ms: number;
  watchP99Ms: number;
  watchMaxMs: number;
  eventsInOrderNoGap: boolean;
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

/** Alternates raw and store runs so both see the same background load on a shared machine. */
async function interleaved(
  writers: number,
  raw: (w: number, i: number) => Promise<void>,
  store: (w: number, i: number) => Promise<void>,
) {
  const totals = { raw: { ops: 0, seconds: 0 }, store: { ops: 0, seconds: 0 } };
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
      const run = await runFor(writers, RUN_MS / ROUNDS, round, write);
      totals[name].ops += run.ops;
      totals[name].seconds += run.seconds;
    }
  }
  return { rawOpsPerSec: totals.raw.ops / totals.raw.seconds, storeOpsPerSec: totals.store.ops / totals.store.seconds };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const root = await fs.mkdtemp(path.join(tmpdir(), 'kubenest-bench-'));
  await fs.chmod(root, 0o755);
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(root, 'data'),
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
      groupCommit: { maxInFlight: Number(process.env.BENCH_IN_FLIGHT ?? 2) },
    });
    const results: Figures[] = [];

    for (const writers of CONCURRENCY) {
      const from = await store.currentRevision();
      const ackedAt = new Map<number, bigint>();
      const seenAt = new Map<number, bigint>();
      const order: number[] = [];
      const watcher = store.watch(`/bench/${writers}/`, from, {
        onEvents: (events) => {
          const now = process.hrtime.bigint();
          for (const e of events) {
            seenAt.set(e.revision, now);
            order.push(e.revision);
          }
        },
        onError: (error) => console.error('watch failed', error),
      });
      const { rawOpsPerSec, storeOpsPerSec } = await interleaved(
        writers,
        (w, i) => rawInsert(dataSource, `/raw/${writers}/${w}/${i}`, VALUE),
        async (w, i) => {
          const kv = await store.create(`/bench/${writers}/${w}/${i}`, VALUE);
          ackedAt.set(kv.modRevision, process.hrtime.bigint());
        },
      );
      const last = await store.currentRevision();
      const deadline = Date.now() + 10_000;
      while (seenAt.size < last - from && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      watcher.stop();

      const latencies = [...ackedAt].map(([revision, acked]) => {
        const seen = seenAt.get(revision);
        return seen === undefined ? Infinity : Math.max(0, Number(seen - acked) / 1e6);
      });
      latencies.sort((a, b) => a - b);
      const eventsInOrderNoGap = order.length === last - from && order.every((r, i) => r === from + 1 + i);
      results.push({
        writers,
        storeOpsPerSec: Math.round(storeOpsPerSec),
        rawOpsPerSec: Math.round(rawOpsPerSec),
        ratio: Number((storeOpsPerSec / rawOpsPerSec).toFixed(2)),
        watchP50Ms: Number(percentile(latencies, 50).toFixed(2)),
        watchP99Ms: Number(percentile(latencies, 99).toFixed(2)),
        watchMaxMs: Number(latencies[latencies.length - 1].toFixed(2)),
        eventsInOrderNoGap,
      });
    }
    await store.close();

    console.log(
      `store creates/s of ${VALUE.length}-byte values with a watcher running, vs plain autocommit INSERTs (${RUN_MS} ms each, in ${ROUNDS} alternating rounds)`,
    );
    console.log('writers  store/s    raw/s   store/raw  watch p50 ms  watch p99 ms  watch max ms  in order, no gap');
    for (const r of results) {
      console.log(
        `${String(r.writers).padStart(7)}  ${String(r.storeOpsPerSec).padStart(7)}  ${String(r.rawOpsPerSec).padStart(7)}  ${r.ratio.toFixed(2).padStart(9)}  ${r.watchP50Ms.toFixed(2).padStart(12)}  ${r.watchP99Ms.toFixed(2).padStart(12)}  ${r.watchMaxMs.toFixed(2).padStart(12)}  ${r.eventsInOrderNoGap}`,
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
