// One client's watch on the cache, as kube's cacheWatcher: a backlog (initial or replayed
// events, unbounded since it is read lazily, from memory or page by page from the store's
// history) drained first, then a bounded buffer of live events. A client too slow to keep its
// buffer from overflowing is cut off so it cannot hold back the others; it re-watches from its
// last resourceVersion.
import { KubeObject } from '@kubenest/apimachinery';
import { Predicate } from './selection';
import { CachedChange, WatchEvent, errorEvent } from './watch-event';

/** Receives events in order. A returned promise holds back the next event until it settles. */
export type WatchSink = (event: WatchEvent) => void | Promise<void>;

/** What a backlog yields: an event to send, or a promise (a page being read) to settle before asking again. */
export type BacklogItem = WatchEvent | Promise<void>;

export type Backlog = Iterator<BacklogItem>;

export type WatchEndReason =
  /** unsubscribe() was called. */
  | 'unsubscribed'
  /** The client fell behind by more than its buffer. */
  | 'overflow'
  /** The requested timeout passed. */
  | 'timeout'
  /** An ERROR event was the last thing sent (too old or too large a resourceVersion, a re-list). */
  | 'error'
  /** The sink threw or its promise rejected. */
  | 'sink-failed'
  /** The cache was stopped. */
  | 'stopped';

/** The caller's handle on a watch. */
export interface CacheWatch {
  unsubscribe(): void;
  /** Settles once no more events follow; the HTTP layer then ends the response. */
  readonly done: Promise<WatchEndReason>;
}

export interface CacheWatcherOptions {
  predicate: Predicate;
  bufferSize: number;
  allowBookmarks: boolean;
  bookmarkIntervalMs: number;
  /** Epoch milliseconds at which the watch ends ('timeout'). */
  deadline?: number;
  /** The cache's revision now: what a periodic bookmark announces. */
  currentRevision: () => number;
  makeBookmark: (revision: number) => KubeObject;
  /** Called once when the watcher ends, so the cache drops it. */
  onEnd: (watcher: CacheWatcher) => void;
}

/** kube-apiserver sends the last bookmark this long before a watch's timeout. */
const BOOKMARK_BEFORE_DEADLINE_MS = 2000;

/** setTimeout's longest delay (about 24.8 days); a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const isPromise = (value: unknown): value is Promise<void> =>
  typeof (value as Promise<void> | undefined)?.then === 'function';

export class CacheWatcher implements CacheWatch {
  readonly done: Promise<WatchEndReason>;
  private resolveDone!: (reason: WatchEndReason) => void;
  private backlog?: Backlog;
  private queue: WatchEvent[] = [];
  private queueHead = 0;
  /** A sink promise, or a backlog page being read, is pending. */
  private busy = false;
  private bookmarkDue = false;
  private ended = false;
  private startRevision = 0;
  private bookmarkTimer?: NodeJS.Timeout;
  private deadlineTimer?: NodeJS.Timeout;

  constructor(
    private readonly sink: WatchSink,
    private readonly options: CacheWatcherOptions,
  ) {
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /**
   * Begins delivery on the next microtask, so watch() returns before the first event. The
   * backlog covers changes up to revision; later ones come through offer().
   */
  start(backlog: Backlog | undefined, revision: number): void {
    this.backlog = backlog;
    this.startRevision = revision;
    const { deadline } = this.options;
    if (deadline !== undefined) this.scheduleDeadline(deadline);
    if (this.options.allowBookmarks) this.scheduleBookmark();
    void Promise.resolve().then(() => this.pump());
  }

  /** A change of the cached prefix, offered in revision order. */
  offer(change: CachedChange): void {
    // A watch started while this change is being dispatched already has it in its backlog.
    if (this.ended || change.revision <= this.startRevision) return;
    const event = change.eventFor(this.options.predicate);
    if (event) this.deliver(event);
  }

  unsubscribe(): void {
    this.end('unsubscribed');
  }

  /**
   * Stops the watch. A final event (an ERROR) is sent only if the sink is free: a stuck client
   * learns of the end when its connection closes, and its next watch gets the error.
   */
  end(reason: WatchEndReason, finalEvent?: WatchEvent): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.bookmarkTimer);
    clearTimeout(this.deadlineTimer);
    this.backlog = undefined;
    this.queue = [];
    this.options.onEnd(this);
    if (finalEvent && !this.busy) {
      try {
        void Promise.resolve(this.sink(finalEvent)).catch(() => undefined);
      } catch {
        // The watch is over either way.
      }
    }
    this.resolveDone(reason);
  }

  private deliver(event: WatchEvent): void {
    if (!this.busy && !this.backlog && this.queueHead === this.queue.length) {
      this.send(event);
      return;
    }
    if (this.queue.length - this.queueHead >= this.options.bufferSize) {
      this.end('overflow');
      return;
    }
    this.queue.push(event);
  }

  private pump(): void {
    while (!this.ended && !this.busy) {
      const item = this.next();
      if (!item) return;
      if (isPromise(item)) this.await(item);
      else this.send(item);
    }
  }

  /** Waits for the backlog's next page; a failure (410 for a compacted revision) ends the watch. */
  private await(reading: Promise<void>): void {
    this.busy = true;
    reading.then(
      () => {
        this.busy = false;
        this.pump();
      },
      (error: unknown) => {
        this.busy = false;
        this.end('error', errorEvent(error));
      },
    );
  }

  private next(): BacklogItem | undefined {
    if (this.backlog) {
      const item = this.backlog.next();
      if (!item.done) return item.value;
      this.backlog = undefined;
    }
    if (this.queueHead < this.queue.length) {
      const event = this.queue[this.queueHead++];
      if (this.queueHead === this.queue.length) {
        this.queue = [];
        this.queueHead = 0;
      }
      return event;
    }
    if (this.bookmarkDue) {
      // Only now, with everything before it sent, may a bookmark claim the current revision.
      this.bookmarkDue = false;
      return { type: 'BOOKMARK', object: this.options.makeBookmark(this.options.currentRevision()) };
    }
    return undefined;
  }

  private send(event: WatchEvent): void {
    let result: void | Promise<void>;
    try {
      result = this.sink(event);
    } catch {
      this.end('sink-failed');
      return;
    }
    if (!isPromise(result)) return;
    this.busy = true;
    result.then(
      () => {
        this.busy = false;
        this.pump();
      },
      () => {
        this.busy = false;
        this.end('sink-failed');
      },
    );
  }

  /** Chained for deadlines beyond a timer's reach (a huge timeoutSeconds), so they do not fire at once. */
  private scheduleDeadline(deadline: number): void {
    const wait = Math.max(0, deadline - Date.now());
    this.deadlineTimer = unref(
      setTimeout(
        () => (wait > MAX_TIMER_MS ? this.scheduleDeadline(deadline) : this.end('timeout')),
        Math.min(wait, MAX_TIMER_MS),
      ),
    );
  }

  /** As kube does: roughly every interval, and once shortly before the watch's timeout. */
  private scheduleBookmark(): void {
    const now = Date.now();
    let at = now + this.options.bookmarkIntervalMs;
    const { deadline } = this.options;
    if (deadline !== undefined) at = Math.min(at, deadline - BOOKMARK_BEFORE_DEADLINE_MS);
    if (at <= now) return;
    this.bookmarkTimer = unref(
      setTimeout(() => {
        this.bookmarkDue = true;
        this.pump();
        this.scheduleBookmark();
      }, at - now),
    );
  }
}

/** Watch timers must not keep the process alive on shutdown. */
const unref = (timer: NodeJS.Timeout): NodeJS.Timeout => {
  timer.unref?.();
  return timer;
};
