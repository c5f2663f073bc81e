// One watcher: replays history after its start revision, then switches to the tailer's live
// events. Live events arriving during the replay are buffered, so the switch has no gap and,
// since everything at or below the last delivered revision is dropped, no duplicate.
import { Logger } from '@nestjs/common';
import { HistoryReader } from './history-reader';
import { StoreEvent, WatchCallbacks, Watcher } from './store';
import { StoreError } from './store-error';

const PAGE_SIZE = 1000;
const RETRY_MS = 500;

export interface LiveFeed {
  /** Registers the stream; returns the revision up to which the feed has already dispatched. */
  add(stream: WatchStream): number;
  remove(stream: WatchStream): void;
}

export class WatchStream implements Watcher {
  private readonly logger = new Logger('WatchStream');
  private live = false;
  private stopped = false;
  private buffered: StoreEvent[] = [];
  private retryTimer?: NodeJS.Timeout;

  constructor(
    private readonly prefix: string,
    /** The last revision delivered (or the start revision). */
    private position: number,
    private readonly callbacks: WatchCallbacks,
    private readonly readHistory: HistoryReader,
    private readonly feed: LiveFeed,
  ) {}

  start(): void {
    const target = this.feed.add(this);
    void this.catchUp(target);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.buffered = [];
    this.feed.remove(this);
  }

  /** Called by the feed with every new event in revision order (any prefix). */
  offer(events: StoreEvent[]): void {
    if (this.stopped) return;
    const mine = events.filter((e) => e.key.startsWith(this.prefix));
    if (!this.live) this.buffered.push(...mine);
    else this.deliver(mine);
  }

  /** Called by the feed after each dispatch with the revision it has reached. */
  progress(revision: number): void {
    if (this.live && !this.stopped) this.callbacks.onProgress?.(Math.max(revision, this.position));
  }

  fail(error: Error): void {
    if (this.stopped) return;
    this.stop();
    this.callbacks.onError(error);
  }

  /** Reads at least once, so a compacted start revision is reported even with nothing to replay. */
  private async catchUp(target: number): Promise<void> {
    try {
      let first = true;
      while (!this.stopped && (first || this.position < target)) {
        first = false;
        const page = await this.readHistory(this.position, target, this.prefix, PAGE_SIZE);
        if (this.stopped) return;
        if (page.compactedRevision > this.position) {
          this.fail(
            new StoreError(
              'compacted',
              `revision ${this.position} has been compacted (oldest: ${page.compactedRevision})`,
            ),
          );
          return;
        }
        this.deliver(page.events);
        if (page.events.length < PAGE_SIZE) this.position = Math.max(this.position, target);
      }
    } catch (error) {
      if (StoreError.is(error, 'unavailable') || StoreError.is(error, 'timeout')) {
        this.retryTimer = setTimeout(() => void this.catchUp(target), RETRY_MS);
        return;
      }
      this.fail(error as Error);
      return;
    }
    if (this.stopped) return;
    const pending = this.buffered;
    this.buffered = [];
    this.live = true;
    this.deliver(pending);
    this.callbacks.onProgress?.(Math.max(this.position, target));
  }

  private deliver(events: StoreEvent[]): void {
    const fresh = events.filter((e) => e.revision > this.position);
    if (fresh.length === 0 || this.stopped) return;
    this.position = fresh[fresh.length - 1].revision;
    try {
      this.callbacks.onEvents(fresh);
    } catch (error) {
      this.logger.error(`watch callback failed: ${(error as Error).message}`);
    }
  }
}
