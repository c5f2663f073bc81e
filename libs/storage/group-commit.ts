// Group commit: concurrent writes of this process share one transaction under the revision
// counter's row lock, decided in memory and applied with one statement (see ARCHITECTURE.md).
import { DataSource, QueryRunner } from 'typeorm';
import { toStoreError } from './pg-errors';
import { CurrentRow, toKeyValue } from './rows';
import { applyWriteBatch, beginAndLockRevisionCounter, selectRevisionAndCurrentRows } from './sql';
import { KeyValue } from './store';
import { planWriteBatch, WriteOp } from './write-batch';

interface PendingWrite {
  op: WriteOp;
  resolve(value: KeyValue): void;
  reject(error: unknown): void;
}

export interface GroupCommitOptions {
  /** Most writes in one transaction. */
  maxBatch?: number;
  /**
   * Batches in flight at once. With two, the next batch is already queued on the counter lock
   * when the previous one commits, so the lock never waits for a round trip to this process.
   */
  maxInFlight?: number;
}

export class GroupCommitter {
  private queue: PendingWrite[] = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;

  constructor(
    private readonly dataSource: DataSource,
    options: GroupCommitOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 1000;
    this.maxInFlight = options.maxInFlight ?? 2;
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
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight++;
      void this.commit(batch).finally(() => {
        this.inFlight--;
        this.schedule();
      });
      this.schedule();
    });
  }

  private async commit(batch: PendingWrite[]): Promise<void> {
    let runner: QueryRunner | undefined;
    let inTransaction = false;
    try {
      runner = this.dataSource.createQueryRunner();
      await runner.connect();
      inTransaction = true;
      await runner.query(beginAndLockRevisionCounter);
      const keys = [...new Set(batch.map((w) => w.op.key))];
      const rows = (await runner.query(selectRevisionAndCurrentRows, [keys])) as (CurrentRow & {
        base_revision: string;
      })[];
      const current = new Map(rows.filter((row) => row.key !== null).map((row) => [row.key, toKeyValue(row)]));
      const plan = planWriteBatch(
        batch.map((w) => w.op),
        current,
        Number(rows[0].base_revision),
      );
      if (plan.records.length > 0) {
        await runner.query(applyWriteBatch, [JSON.stringify(plan.records), plan.revision]);
      }
      inTransaction = false;
      // A failure from here on leaves the outcome unknown: 'unavailable' tells callers to retry.
      await runner.query('COMMIT');
      plan.outcomes.forEach((outcome, i) =>
        outcome.ok ? batch[i].resolve(outcome.value) : batch[i].reject(outcome.error),
      );
    } catch (error) {
      if (runner && inTransaction) await runner.query('ROLLBACK').catch(() => undefined);
      const failure = toStoreError(error);
      for (const write of batch) write.reject(failure);
    } finally {
      if (runner) await runner.release().catch(() => undefined);
    }
  }
}
