// Follows the history table for this process: woken by NOTIFY and by a fallback poll, it reads
// rows after the last revision it dispatched, in order, and fans them out to the watch streams.
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HistoryReader } from './history-reader';
import { toStoreError } from './pg-errors';
import { selectCurrentRevision } from './sql';
import { StoreError } from './store-error';
import { LiveFeed, WatchStream } from './watch-stream';

const PAGE_SIZE = 1000;

export class EventTailer implements LiveFeed {
  private readonly logger = new Logger('EventTailer');
  private readonly streams = new Set<WatchStream>();
  /** Every event up to here has been dispatched to the streams registered at the time. */
  private last = 0;
  private reading = false;
  private again = false;
  private pollTimer?: NodeJS.Timeout;
  private wasFailing = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly readHistory: HistoryReader,
    private readonly pollIntervalMs: number,
  ) {}

  async start(): Promise<void> {
    this.last = await this.readCurrentRevision();
    this.pollTimer = setInterval(() => this.wake(), this.pollIntervalMs);
  }

  stop(): void {
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

  /** A revision was committed (NOTIFY); undefined: something may have been missed. */
  notify(revision?: number): void {
    if (revision === undefined || revision > this.last) this.wake();
  }

  private wake(): void {
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
        await this.readNew();
      } while (this.again);
      this.wasFailing = false;
    } catch (error) {
      // The poll retries; the LISTEN connection's reconnect wakes us as soon as it can.
      if (!this.wasFailing) this.logger.warn(`reading history failed: ${(error as Error).message}`);
      this.wasFailing = true;
    } finally {
      this.reading = false;
    }
  }

  private async readNew(): Promise<void> {
    if (this.streams.size === 0) {
      // Nobody to dispatch to: just move the mark, unless a stream registered meanwhile.
      const revision = await this.readCurrentRevision();
      if (this.streams.size === 0) this.last = Math.max(this.last, revision);
      else this.again = true;
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
      if (page.events.length > 0) {
        this.last = page.events[page.events.length - 1].revision;
        for (const stream of [...this.streams]) stream.offer(page.events);
      }
      if (page.events.length < PAGE_SIZE) break;
    }
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
