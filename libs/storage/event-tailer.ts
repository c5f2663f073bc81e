// Follows the store's revisions for this process and fans events out to the watch streams, in
// order. Its own commits arrive from the writer with their events; anything else (other
// processes, commits whose answer was lost) is read from history, woken by NOTIFY and a poll.
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HistoryReader } from './history-reader';
import { toStoreError } from './pg-errors';
import { selectCurrentRevision } from './sql';
import { StoreEvent } from './store';
import { StoreError } from './store-error';
import { LiveFeed, WatchStream } from './watch-stream';

const PAGE_SIZE = 1000;

export class EventTailer implements LiveFeed {
  private readonly logger = new Logger('EventTailer');
  private readonly streams = new Set<WatchStream>();
  /** Every event up to here has been dispatched to the streams registered at the time. */
  private last = 0;
  /** This process's committed batches not dispatched yet, each contiguous. */
  private local: StoreEvent[][] = [];
  /** History holds revisions after `last` that no local batch will bring. */
  private historyAhead = false;
  private reading = false;
  private again = false;
  private pollTimer?: NodeJS.Timeout;
  private wasFailing = false;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly readHistory: HistoryReader,
    private readonly pollIntervalMs: number,
  ) {}

  async start(): Promise<void> {
    this.last = await this.readCurrentRevision();
    this.pollTimer = setInterval(() => this.notify(), this.pollIntervalMs);
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.pollTimer);
    for (const stream of [...this.streams]) stream.stop();
  }

  add(stream: WatchStream): number {
    this.streams.add(stream);
    return this.last;
  }

  remove(stream: WatchStream): void {
    this.streams.delete(stream);
  }

  /**
   * A revision was committed (NOTIFY) by another process; undefined: something may have been
   * missed. This process's own NOTIFYs are not passed on: committed() brings those events.
   */
  notify(revision?: number): void {
    if (revision !== undefined && revision <= this.last) return;
    this.historyAhead = true;
    this.wake();
  }

  /** This process committed these events (contiguous revisions, in order). */
  committed(events: StoreEvent[]): void {
    if (this.stopped) return;
    this.local.push(events);
    if (this.reading) this.again = true;
    else this.dispatchLocal();
  }

  private wake(): void {
    if (this.stopped) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = true;
    void this.readLoop();
  }

  private async readLoop(): Promise<void> {
    try {
      do {
        this.again = false;
        this.dispatchLocal();
        if (this.historyAhead) {
          this.historyAhead = false;
          await this.readNew();
        }
      } while (this.again);
      this.wasFailing = false;
    } catch (error) {
      // The poll retries; the LISTEN connection's reconnect wakes us as soon as it can.
      if (!this.wasFailing && !this.stopped) this.logger.warn(`reading history failed: ${(error as Error).message}`);
      this.wasFailing = true;
      this.historyAhead = true;
    } finally {
      this.reading = false;
    }
  }

  /** Dispatches local batches that continue from `last`; a gap before one is left to history. */
  private dispatchLocal(): void {
    if (this.local.length === 0) return;
    this.local.sort((a, b) => a[0].revision - b[0].revision);
    let dispatched = false;
    while (this.local.length > 0) {
      const events = this.local[0];
      const first = events[0].revision;
      const end = events[events.length - 1].revision;
      if (first > this.last + 1 && this.streams.size > 0) {
        this.historyAhead = true;
        this.wake();
        break;
      }
      this.local.shift();
      if (end <= this.last) continue;
      const fresh = first > this.last ? events : events.filter((e) => e.revision > this.last);
      this.last = end;
      this.offer(fresh);
      dispatched = true;
    }
    if (dispatched) this.progress();
  }

  private async readNew(): Promise<void> {
    if (this.streams.size === 0) {
      // Nobody to dispatch to: just move the mark, unless a stream registered meanwhile.
      const revision = await this.readCurrentRevision();
      if (this.streams.size === 0) this.last = Math.max(this.last, revision);
      else this.historyAhead = this.again = true;
      return;
    }
    for (;;) {
      const page = await this.readHistory(this.last, Number.MAX_SAFE_INTEGER, '', PAGE_SIZE);
      if (page.compactedRevision > this.last) {
        // We fell behind compaction: the streams cannot continue without a gap.
        const error = new StoreError('compacted', `watch fell behind compaction at ${page.compactedRevision}`);
        for (const stream of [...this.streams]) stream.fail(error);
        this.last = page.compactedRevision;
        continue;
      }
      // Local batches may have been dispatched while we read.
      const fresh = page.events.filter((e) => e.revision > this.last);
      if (fresh.length > 0) {
        this.last = fresh[fresh.length - 1].revision;
        this.offer(fresh);
      }
      if (page.events.length < PAGE_SIZE) break;
    }
    this.progress();
  }

  private offer(events: StoreEvent[]): void {
    for (const stream of [...this.streams]) stream.offer(events);
  }

  private progress(): void {
    for (const stream of [...this.streams]) stream.progress(this.last);
  }

  private async readCurrentRevision(): Promise<number> {
    try {
      const [row] = (await this.dataSource.query(selectCurrentRevision)) as { revision: string }[];
      return Number(row.revision);
    } catch (error) {
      throw toStoreError(error);
    }
  }
}
