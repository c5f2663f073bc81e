// Group commit: concurrent writes of this process share one transaction under the revision
// counter's row lock, decided and applied by PostgreSQL in one round trip (see docs/architecture.md).
import { PoolClient, QueryResult } from 'pg';
import { DataSource, QueryRunner } from 'typeorm';
import { toStoreError } from './pg-errors';
import { AppliedOpRow } from './rows';
import { writeTransaction } from './sql';
import { KeyValue, StoreEvent } from './store';
import { splitByKey, WriteOp, writeOpsJson, writeOpValues, writeOutcome } from './write-batch';

interface PendingWrite {
  op: WriteOp;
  resolve(value: KeyValue): void;
  reject(error: unknown): void;
}

export interface GroupCommitOptions {
  /** Most writes in one transaction. */
  maxBatch?: number;
  /** Most key and value characters in one transaction (a batch travels as one SQL string). */
  maxBatchChars?: number;
  /**
   * Batches in flight at once. One by default: while a batch commits, the next gathers every
   * write that arrives, so PostgreSQL plans and commits one statement per round trip. Two
   * overlapped the counter lock's hand-over but halved the batches: bench:api measured 200 µs of
   * PostgreSQL CPU per create instead of 150, and 7-15% fewer creates/s; bench:store the same.
   */
  maxInFlight?: number;
}

export interface GroupCommitterOptions extends GroupCommitOptions {
  /** Tags this process's NOTIFYs so its own tailer can tell them from other processes'. */
  origin: string;
  /** Called after each commit with its events: contiguous revisions, in order. */
  onCommitted(events: StoreEvent[]): void;
  /** Called when a transaction's outcome is unknown: it may have committed all the same. */
  onUncertain(): void;
}

export class GroupCommitter {
  private queue: PendingWrite[] = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly maxBatchChars: number;
  private readonly maxInFlight: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: GroupCommitterOptions,
  ) {
    this.maxBatch = options.maxBatch ?? 1000;
    this.maxBatchChars = options.maxBatchChars ?? 16 * 1024 * 1024;
    this.maxInFlight = options.maxInFlight ?? 1;
  }

  submit(op: WriteOp): Promise<KeyValue> {
    return new Promise((resolve, reject) => {
      this.queue.push({ op, resolve, reject });
      this.schedule();
    });
  }

  /** Starts a batch on the next turn of the event loop, so writes submitted together share it. */
  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.inFlight >= this.maxInFlight || this.queue.length === 0) return;
      const batch = this.queue.splice(0, this.batchLength());
      this.inFlight++;
      void this.commit(batch).finally(() => {
        this.inFlight--;
        this.schedule();
      });
      this.schedule();
    });
  }

  /** How many queued writes the next batch takes: at least one, within both limits. */
  private batchLength(): number {
    let chars = 0;
    let length = 0;
    for (const { op } of this.queue) {
      chars += op.key.length + (op.type === 'delete' ? 0 : op.value.length);
      if (length === this.maxBatch || (length > 0 && chars > this.maxBatchChars)) break;
      length++;
    }
    return length;
  }

  private async commit(batch: PendingWrite[]): Promise<void> {
    const runs = splitByKey(batch, (write) => write.op.key);
    const sql = writeTransaction(
      runs.map((run) => {
        const ops = run.map((write) => write.op);
        return { ops: writeOpsJson(ops), values: writeOpValues(ops) };
      }),
      this.options.origin,
    );
    let runner: QueryRunner | undefined;
    let results: QueryResult<AppliedOpRow>[];
    try {
      runner = this.dataSource.createQueryRunner();
      const client = (await runner.connect()) as PoolClient;
      // A failure here leaves the outcome unknown: 'unavailable' tells callers to retry.
      results = (await client.query(sql)) as unknown as QueryResult<AppliedOpRow>[];
    } catch (error) {
      const failure = toStoreError(error);
      for (const write of batch) write.reject(failure);
      this.options.onUncertain();
      return;
    } finally {
      if (runner) await runner.release().catch(() => undefined);
    }
    const events: StoreEvent[] = [];
    const settle: (() => void)[] = [];
    const applied = results.slice(-runs.length);
    runs.forEach((run, r) =>
      applied[r].rows.forEach((row) => {
        const write = run[row.i];
        const outcome = writeOutcome(write.op, row);
        if (outcome.ok) {
          events.push(outcome.event);
          settle.push(() => write.resolve(outcome.value));
        } else settle.push(() => write.reject(outcome.error));
      }),
    );
    if (events.length > 0) this.options.onCommitted(events);
    for (const done of settle) done();
  }
}
