// The Store on PostgreSQL: group-committed writes, snapshot reads, history-fed watches and
// set-based compaction. Several processes may share one database.
import { randomBytes } from 'crypto';
import { DataSource } from 'typeorm';
import { createDataSource, runMigrations } from './data-source';
import { EventTailer } from './event-tailer';
import { historyReader, HistoryReader } from './history-reader';
import { prefixEnd } from './key-range';
import { toStoreError } from './pg-errors';
import { RevisionListener } from './revision-listener';
import { CurrentRow, toKeyValue } from './rows';
import {
  countCurrent,
  deleteCompactedHistory,
  listAtRevision,
  listCurrent,
  lockCompaction,
  selectCompactedRevision,
  selectCurrentByKey,
  selectCurrentRevision,
  setCompactedRevision,
} from './sql';
import { GroupCommitOptions, GroupCommitter } from './group-commit';
import { ReadGate } from './read-gate';
import { KeyValue, ListOptions, ListResult, Preconditions, Store, StoreEvent, WatchCallbacks, Watcher } from './store';
import { StoreError } from './store-error';
import { WatchStream } from './watch-stream';

export interface PostgresStoreOptions {
  url: string;
  /** Use this DataSource instead of creating one; it is not destroyed by close(). */
  dataSource?: DataSource;
  /** Pool size of the DataSource the store creates (default 10). */
  poolSize?: number;
  /** Fallback poll for new history when a NOTIFY is missed (default 1000 ms). */
  pollIntervalMs?: number;
  /** Apply pending migrations first (default true). */
  migrate?: boolean;
  groupCommit?: GroupCommitOptions;
  /** History pages read for replays (history()) at once; the rest wait (default 2). */
  concurrentHistoryReads?: number;
}

type ListRow = CurrentRow & { current_revision: string; compacted_revision?: string };

export class PostgresStore implements Store {
  private readonly writer: GroupCommitter;
  private readonly readHistory: HistoryReader;
  private readonly tailer: EventTailer;
  private readonly listener: RevisionListener;
  private readonly historyGate: ReadGate;

  private constructor(
    private readonly dataSource: DataSource,
    private readonly ownsDataSource: boolean,
    url: string,
    pollIntervalMs: number,
    groupCommit: GroupCommitOptions,
    concurrentHistoryReads: number,
  ) {
    this.historyGate = new ReadGate(concurrentHistoryReads);
    // Tags this store's NOTIFYs: its tailer gets its own commits' events from the writer.
    const origin = randomBytes(8).toString('hex');
    this.readHistory = historyReader(dataSource);
    this.tailer = new EventTailer(dataSource, this.readHistory, pollIntervalMs);
    this.writer = new GroupCommitter(dataSource, {
      ...groupCommit,
      origin,
      onCommitted: (events) => this.tailer.committed(events),
      onUncertain: () => this.tailer.notify(),
    });
    this.listener = new RevisionListener(
      url,
      (revision, from) => {
        if (from !== origin) this.tailer.notify(revision);
      },
      () => this.tailer.notify(),
    );
  }

  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const dataSource = options.dataSource ?? createDataSource(options.url, { poolSize: options.poolSize });
    if (!dataSource.isInitialized) await dataSource.initialize();
    if (options.migrate ?? true) await runMigrations(dataSource);
    const store = new PostgresStore(
      dataSource,
      !options.dataSource,
      options.url,
      options.pollIntervalMs ?? 1000,
      options.groupCommit ?? {},
      options.concurrentHistoryReads ?? 2,
    );
    await store.tailer.start();
    store.listener.start();
    return store;
  }

  create(key: string, value: string): Promise<KeyValue> {
    return this.writer.submit({ type: 'create', key, value });
  }

  update(key: string, value: string, preconditions: Preconditions): Promise<KeyValue> {
    return this.writer.submit({ type: 'update', key, value, preconditions });
  }

  delete(key: string, preconditions: Preconditions = {}): Promise<KeyValue> {
    return this.writer.submit({ type: 'delete', key, preconditions });
  }

  async get(key: string): Promise<KeyValue | undefined> {
    const [row] = await this.query<CurrentRow>(selectCurrentByKey, [key]);
    return row && toKeyValue(row);
  }

  async list(options: ListOptions): Promise<ListResult> {
    const end = prefixEnd(options.prefix);
    const limit = options.limit ? options.limit + 1 : null;
    const params: unknown[] = [options.prefix, end ?? null, options.afterKey ?? '', limit];
    let rows: ListRow[];
    let revision: number;
    if (options.revision) {
      rows = await this.query<ListRow>(listAtRevision(end !== undefined), [...params, options.revision]);
      const current = Number(rows[0].current_revision);
      const compacted = Number(rows[0].compacted_revision);
      if (options.revision > current) {
        throw new StoreError(
          'future-revision',
          `revision ${options.revision} is newer than the current revision ${current}`,
        );
      }
      if (options.revision < compacted) {
        throw new StoreError('compacted', `revision ${options.revision} has been compacted (oldest: ${compacted})`);
      }
      revision = options.revision;
    } else {
      rows = await this.query<ListRow>(listCurrent(end !== undefined), params);
      revision = Number(rows[0].current_revision);
    }
    const items = rows.filter((row) => row.key !== null).map(toKeyValue);
    const more = options.limit ? items.length > options.limit : false;
    return { items: more ? items.slice(0, options.limit) : items, revision, more };
  }

  async count(prefix: string): Promise<number> {
    const end = prefixEnd(prefix);
    const [row] = await this.query<{ count: string }>(countCurrent(end !== undefined), [prefix, end ?? null]);
    return Number(row.count);
  }

  async currentRevision(): Promise<number> {
    const [row] = await this.query<{ revision: string }>(selectCurrentRevision);
    return Number(row.revision);
  }

  async compactedRevision(): Promise<number> {
    const [row] = await this.query<{ revision: string }>(selectCompactedRevision);
    return Number(row.revision);
  }

  watch(prefix: string, fromRevision: number, callbacks: WatchCallbacks): Watcher {
    const stream = new WatchStream(prefix, fromRevision, callbacks, this.readHistory, this.tailer);
    stream.start();
    return stream;
  }

  async history(
    prefix: string,
    after: number,
    upTo: number,
    limit: number,
    signal?: AbortSignal,
  ): Promise<StoreEvent[]> {
    const page = await this.historyGate.run(() => this.readHistory(after, upTo, prefix, limit), signal);
    if (page.compactedRevision > after) {
      throw new StoreError('compacted', `revision ${after} has been compacted (oldest: ${page.compactedRevision})`);
    }
    return page.events;
  }

  /** Compacting to a revision at or below the current compaction point does nothing. */
  async compact(revision: number): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      const [point] = (await runner.query(lockCompaction)) as {
        current_revision: string;
        compacted_revision: string;
      }[];
      if (revision > Number(point.current_revision)) {
        throw new StoreError(
          'future-revision',
          `cannot compact to ${revision}: the current revision is ${point.current_revision}`,
        );
      }
      if (revision > Number(point.compacted_revision)) {
        await runner.query(setCompactedRevision, [revision]);
        await runner.query(deleteCompactedHistory, [revision]);
      }
      await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw toStoreError(error);
    } finally {
      await runner.release().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.tailer.stop();
    await this.listener.stop();
    if (this.ownsDataSource && this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  private async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    try {
      return (await this.dataSource.query(sql, params)) as T[];
    } catch (error) {
      throw toStoreError(error);
    }
  }
}
