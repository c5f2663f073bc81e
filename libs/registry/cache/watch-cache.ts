// The watch cache of one resource type, as kube-apiserver's cacher: the objects under a key
// prefix kept in memory from the store's list and watch, serving lists, gets and watches
// without touching the store (but for watches from before its window: see subscribe).
import { Logger } from '@nestjs/common';
import { KubeObject } from '@kubenest/apimachinery';
import { KeyValue, Store, StoreError, StoreEvent, Watcher } from '@kubenest/storage';
import {
  ContinueExpiredError,
  reinitializing,
  tooLargeResourceVersion,
  tooOldResourceVersion,
  watchTooOld,
} from './cache-errors';
import { Backlog, CacheWatch, CacheWatcher, WatchSink } from './cache-watcher';
import { decodeContinue, encodeContinue, keyAfter } from './continue-token';
import { EventWindow } from './event-window';
import { historyReplay } from './history-replay';
import { Predicate, Selection, prefixEnd, selectionPrefix, selectsWholeRange, toPredicate } from './selection';
import { SortedTree } from './sorted-tree';
import { interpretStoreReadError } from '../store-errors';
import { CachedChange, CacheState, INITIAL_EVENTS_END_ANNOTATION, WatchEvent, errorEvent } from './watch-event';

export interface WatchCacheOptions {
  /** Recent changes kept for watch replay and pinned list pages (kube's watchCache capacity). */
  eventWindow?: number;
  /** Live events a watcher may fall behind by before it is cut off. */
  watcherBufferSize?: number;
  /** How often a watcher that allows bookmarks gets one (kube: about a minute). */
  bookmarkIntervalMs?: number;
  /** How long a read waits for the cache to reach a revision (kube: 3 s). */
  freshTimeoutMs?: number;
  /** Page size of the store lists that (re)load the cache. */
  loadPageSize?: number;
  /** Changes per page of store history read for a watch from before the window. */
  replayPageSize?: number;
  /** Most characters of values such a page keeps: what a client that stops reading holds at most. */
  replayPageChars?: number;
  /** Pause before retrying a failed load or store watch. */
  retryDelayMs?: number;
  /** The bookmark object of the kind: only apiVersion, kind and metadata.resourceVersion. */
  makeBookmark?: (resourceVersion: string) => KubeObject;
  logger?: Pick<Logger, 'log' | 'warn' | 'error'>;
}

export interface CacheListOptions extends Selection {
  /** At most this many items; 0 or absent: all. */
  limit?: number;
  /** A token from a previous page: the page continues at that page's pinned revision. */
  continue?: string;
  /** Serve a state at least this new, waiting for it (resourceVersion=N, NotOlderThan). */
  minRevision?: number;
  /** Serve the state at exactly this revision (resourceVersionMatch=Exact). */
  exactRevision?: number;
  /** Read the store's current revision and wait for it: a consistent read (resourceVersion unset). */
  consistent?: boolean;
}

export interface CacheListResult {
  /** In key order; shared with the cache, never mutate. */
  items: KubeObject[];
  /** The revision the list is of: the list's metadata.resourceVersion. */
  revision: number;
  continue?: string;
  remainingItemCount?: number;
}

export interface CacheWatchOptions extends Selection {
  /** 0 or absent: the current state as ADDED events first; N: the changes after N. */
  fromRevision?: number;
  /**
   * true: the current state (once at least fromRevision) as ADDED events, then a bookmark
   * annotated k8s.io/initial-events-end; false: no initial events even from 0.
   */
  sendInitialEvents?: boolean;
  allowBookmarks?: boolean;
  /** The watch ends after this long (timeoutSeconds). */
  timeoutMs?: number;
}

const DEFAULTS = {
  eventWindow: 10_000,
  watcherBufferSize: 1000,
  bookmarkIntervalMs: 60_000,
  freshTimeoutMs: 3000,
  loadPageSize: 10_000,
  // 250 changes of 1.5 KB replay at about 15,000 a second on PostgreSQL (500: hardly faster);
  // a stalled client holds one page.
  replayPageSize: 250,
  replayPageChars: 2 * 1024 * 1024,
  retryDelayMs: 1000,
};

interface FreshWaiter {
  revision: number;
  resolve: () => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class WatchCache {
  private readonly config: typeof DEFAULTS;
  private readonly makeBookmark: (resourceVersion: string) => KubeObject;
  private readonly logger: Pick<Logger, 'log' | 'warn' | 'error'>;
  private state: CacheState = SortedTree.empty();
  private window: EventWindow;
  private currentRevision = 0;
  /** Revision of the last change applied; a store event at or below it is a duplicate. */
  private lastChangeRevision = 0;
  private ready = false;
  private running = false;
  private started?: Promise<void>;
  /** Bumped at each (re)load and stop, so callbacks of an abandoned store watch are ignored. */
  private generation = 0;
  private storeWatcher?: Watcher;
  private retryTimer?: NodeJS.Timeout;
  /** Wakes a load sleeping before its next attempt, so stop() lets start() settle. */
  private wakeLoad?: () => void;
  private readonly watchers = new Set<CacheWatcher>();
  private waiters: FreshWaiter[] = [];

  constructor(
    private readonly store: Store,
    readonly prefix: string,
    private readonly decode: (kv: KeyValue) => KubeObject,
    options: WatchCacheOptions = {},
  ) {
    const { makeBookmark, logger, ...rest } = options;
    this.config = { ...DEFAULTS, ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) };
    this.config.eventWindow = Math.max(1, this.config.eventWindow);
    this.makeBookmark = makeBookmark ?? ((resourceVersion) => ({ metadata: { resourceVersion } }));
    this.logger = logger ?? new Logger(`WatchCache ${prefix}`);
    this.window = new EventWindow(this.config.eventWindow, 0, this.state);
  }

  /** The last revision the cache has processed, advanced by progress notifications too. */
  get revision(): number {
    return this.currentRevision;
  }

  get isReady(): boolean {
    return this.ready;
  }

  get watcherCount(): number {
    return this.watchers.size;
  }

  /** Lists the prefix into memory and follows the store from there; resolves once serving. */
  start(): Promise<void> {
    if (!this.running) {
      this.running = true;
      this.started = this.load();
    }
    return this.started!;
  }

  stop(): void {
    this.running = false;
    this.generation++;
    this.ready = false;
    this.storeWatcher?.stop();
    this.storeWatcher = undefined;
    clearTimeout(this.retryTimer);
    this.wakeLoad?.();
    for (const watcher of [...this.watchers]) watcher.end('stopped');
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(reinitializing());
    }
  }

  /** Resolves once the cache is serving at revision or later; 504 "Too large resource version" after timeoutMs. */
  waitUntilFresh(revision: number, timeoutMs = this.config.freshTimeoutMs): Promise<void> {
    if (this.ready && this.currentRevision >= revision) return Promise.resolve();
    if (!this.running) return Promise.reject(reinitializing());
    return new Promise((resolve, reject) => {
      const waiter: FreshWaiter = {
        revision,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(this.ready ? tooLargeResourceVersion(revision, this.currentRevision) : reinitializing());
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** The object at key now, from memory. */
  get(key: string): KubeObject | undefined {
    if (!this.ready) throw reinitializing();
    return this.state.get(key);
  }

  /** A list from memory, in key order; pages with a continue token stay at the first page's revision. */
  async list(options: CacheListOptions = {}): Promise<CacheListResult> {
    const rangePrefix = selectionPrefix(this.prefix, options);
    const position = options.continue ? decodeContinue(options.continue, rangePrefix) : undefined;
    const pinned = position && position.revision > 0 ? position.revision : options.exactRevision;
    let minRevision = Math.max(pinned ?? 0, options.minRevision ?? 0);
    if (options.consistent && !position) {
      const current = await this.store.currentRevision().catch((error) => {
        throw interpretStoreReadError(error);
      });
      minRevision = Math.max(minRevision, current);
    }
    await this.waitUntilFresh(minRevision);

    let state = this.state;
    let revision = this.currentRevision;
    if (pinned !== undefined && pinned > 0) {
      const snapshot = this.window.stateAt(pinned);
      if (!snapshot) {
        if (position) throw new ContinueExpiredError(encodeContinue(position.startKey, rangePrefix, -1));
        throw tooOldResourceVersion(pinned, this.window.oldestRevision);
      }
      state = snapshot;
      revision = pinned;
    }
    return this.listFrom(state, revision, rangePrefix, position?.startKey ?? rangePrefix, options);
  }

  /**
   * Events for the selected objects, delivered to sink in revision order, each once. Errors
   * (410 too old, 504 too large) arrive as an ERROR event that ends the watch, as from kube.
   */
  watch(options: CacheWatchOptions, sink: WatchSink): CacheWatch {
    const predicate = toPredicate(this.prefix, options);
    const watcher = new CacheWatcher(sink, {
      predicate,
      bufferSize: this.config.watcherBufferSize,
      allowBookmarks: options.allowBookmarks ?? false,
      bookmarkIntervalMs: this.config.bookmarkIntervalMs,
      deadline: options.timeoutMs !== undefined ? Date.now() + options.timeoutMs : undefined,
      currentRevision: () => this.currentRevision,
      makeBookmark: (revision) => this.makeBookmark(String(revision)),
      onEnd: (w) => this.watchers.delete(w),
    });
    const from = options.fromRevision ?? 0;
    if (this.ready && this.currentRevision >= from) {
      this.subscribe(watcher, options, predicate);
    } else {
      this.waitUntilFresh(from).then(
        () => {
          if (!watcher.isEnded) this.subscribe(watcher, options, predicate);
        },
        (error: unknown) => watcher.end('error', errorEvent(error)),
      );
    }
    return watcher;
  }

  /** Registers the watcher with its backlog in one synchronous step, so no change is missed or doubled. */
  private subscribe(watcher: CacheWatcher, options: CacheWatchOptions, predicate: Predicate): void {
    const from = options.fromRevision ?? 0;
    let backlog: Backlog | undefined;
    if (options.sendInitialEvents || (from === 0 && options.sendInitialEvents === undefined)) {
      const objects: KubeObject[] = [];
      const rangePrefix = selectionPrefix(this.prefix, options);
      this.state.forEachInRange(rangePrefix, prefixEnd(rangePrefix), (key, obj) => {
        if (predicate(key, obj)) objects.push(obj);
      });
      backlog = initialEvents(
        objects,
        options.sendInitialEvents ? this.initialEventsEnd(this.currentRevision) : undefined,
      );
    } else if (from > 0) {
      const changes = this.window.since(from);
      backlog = changes ? replayEvents(changes, predicate) : this.replayFromStore(from, options, predicate, watcher);
    }
    this.watchers.add(watcher);
    watcher.start(backlog, this.currentRevision);
  }

  /**
   * The changes after `from` for a watch from before the window: the store's history up to the
   * window's start, then the window. kube-apiserver's cacher answers such a watch 410 and relies
   * on its client to re-list (etcd keeps little more history than the cache); our store keeps
   * every revision since its compaction point (minutes), so we replay from it instead and spare
   * clients the re-list, notably every client resuming after an apiserver restart, whose window
   * starts at the current revision. Only a revision below the compaction point still gets 410.
   */
  private replayFromStore(from: number, selection: Selection, predicate: Predicate, watcher: CacheWatcher): Backlog {
    const windowStart = this.window.oldestRevision;
    const ended = new AbortController();
    void watcher.done.then(() => ended.abort());
    // Taken now, with the watcher registered in the same step: live changes after this go to it.
    const windowChanges = this.window.since(windowStart)!;
    const history = historyReplay({
      store: this.store,
      prefix: selectionPrefix(this.prefix, selection),
      from,
      to: windowStart,
      pageSize: this.config.replayPageSize,
      pageChars: this.config.replayPageChars,
      retryDelayMs: this.config.retryDelayMs,
      predicate,
      decode: (kv) => this.decodeOrLog(kv),
      ended: ended.signal,
    });
    return concat(history, replayEvents(windowChanges, predicate));
  }

  private initialEventsEnd(revision: number): WatchEvent {
    const bookmark = this.makeBookmark(String(revision));
    const annotations = { ...bookmark.metadata.annotations, [INITIAL_EVENTS_END_ANNOTATION]: 'true' };
    return { type: 'BOOKMARK', object: { ...bookmark, metadata: { ...bookmark.metadata, annotations } } };
  }

  private listFrom(
    state: CacheState,
    revision: number,
    rangePrefix: string,
    start: string,
    options: CacheListOptions,
  ): CacheListResult {
    const predicate = toPredicate(this.prefix, options);
    const limit = options.limit ?? 0;
    const end = prefixEnd(rangePrefix);
    const items: KubeObject[] = [];
    let lastKey: string | undefined;
    let more = false;
    state.forEachInRange(start, end, (key, obj) => {
      if (limit > 0 && items.length >= limit) {
        more = true;
        return false;
      }
      if (predicate(key, obj)) {
        items.push(obj);
        lastKey = key;
      }
      return true;
    });
    const result: CacheListResult = { items, revision };
    if (more && lastKey !== undefined) {
      result.continue = encodeContinue(keyAfter(lastKey), rangePrefix, revision);
      if (selectsWholeRange(options)) result.remainingItemCount = state.rank(end) - state.rank(lastKey) - 1;
    }
    return result;
  }

  /** Lists the prefix at one revision and starts following the store from it, retrying until it works. */
  private async load(): Promise<void> {
    const generation = ++this.generation;
    while (this.running && generation === this.generation) {
      try {
        const { state, revision } = await this.listStore();
        if (generation !== this.generation) return;
        this.state = state;
        this.window = new EventWindow(this.config.eventWindow, revision, state);
        this.currentRevision = revision;
        this.lastChangeRevision = revision;
        this.ready = true;
        this.logger.log(`loaded ${state.size} objects at revision ${revision}`);
        this.watchStore(revision, generation);
        this.settleWaiters();
        return;
      } catch (error) {
        this.logger.error(`loading from the store failed, retrying: ${(error as Error).message}`);
        await new Promise<void>((resolve) => {
          this.wakeLoad = resolve;
          this.retryTimer = setTimeout(resolve, this.config.retryDelayMs);
        });
        this.wakeLoad = undefined;
      }
    }
  }

  private async listStore(): Promise<{ state: CacheState; revision: number }> {
    const entries: [string, KubeObject][] = [];
    let revision: number | undefined;
    let afterKey: string | undefined;
    for (;;) {
      const page = await this.store.list({ prefix: this.prefix, revision, limit: this.config.loadPageSize, afterKey });
      revision = page.revision;
      for (const kv of page.items) {
        const obj = this.decodeOrLog(kv);
        if (obj) entries.push([kv.key, obj]);
      }
      if (!page.more || page.items.length === 0) break;
      afterKey = page.items[page.items.length - 1].key;
    }
    return { state: SortedTree.fromSorted(entries), revision };
  }

  private watchStore(fromRevision: number, generation: number): void {
    let failed = false;
    const watcher = this.store.watch(this.prefix, fromRevision, {
      onEvents: (events) => {
        if (generation === this.generation) this.apply(events);
      },
      onProgress: (revision) => {
        if (generation === this.generation) this.advance(revision);
      },
      onError: (error) => {
        failed = true;
        if (generation === this.generation) this.storeWatchFailed(error, generation);
      },
    });
    if (!failed) this.storeWatcher = watcher;
  }

  /**
   * A compacted start revision means changes were lost: re-list, and end every watch with 410
   * so its client re-lists too. Any other failure resumes from the last revision processed.
   */
  private storeWatchFailed(error: Error, generation: number): void {
    this.storeWatcher = undefined;
    if (StoreError.is(error, 'compacted')) {
      this.logger.warn(`store watch from ${this.currentRevision} was compacted away; re-listing`);
      this.ready = false;
      for (const watcher of [...this.watchers]) watcher.end('error', errorEvent(watchTooOld()));
      void this.load();
      return;
    }
    this.logger.warn(`store watch failed, resuming from ${this.currentRevision}: ${error.message}`);
    this.retryTimer = setTimeout(() => {
      if (this.running && generation === this.generation) this.watchStore(this.currentRevision, generation);
    }, this.config.retryDelayMs);
  }

  private apply(events: StoreEvent[]): void {
    for (const event of events) {
      if (event.revision <= this.lastChangeRevision) continue;
      if (event.revision <= this.currentRevision) {
        this.logger.warn(`store event at revision ${event.revision} arrived after progress to ${this.currentRevision}`);
      }
      const change = this.toChange(event);
      this.lastChangeRevision = event.revision;
      this.currentRevision = Math.max(this.currentRevision, event.revision);
      if (!change) continue;
      this.state = change.state;
      this.window.push(change);
      for (const watcher of this.watchers) watcher.offer(change);
    }
    this.settleWaiters();
  }

  private advance(revision: number): void {
    if (revision <= this.currentRevision) return;
    this.currentRevision = revision;
    this.settleWaiters();
  }

  private toChange(event: StoreEvent): CachedChange | undefined {
    const prev = this.state.get(event.key);
    if (event.type === 'put') {
      const obj = this.decodeOrLog({
        key: event.key,
        value: event.value,
        createRevision: event.createRevision,
        modRevision: event.revision,
      });
      return obj && new CachedChange(event.revision, event.key, obj, prev, this.state.set(event.key, obj));
    }
    // The cache should hold what is deleted; if not, the store's last value still tells watchers.
    const last =
      prev ??
      this.decodeOrLog({
        key: event.key,
        value: event.value,
        createRevision: event.createRevision,
        modRevision: event.prevRevision ?? event.revision,
      });
    return last && new CachedChange(event.revision, event.key, undefined, last, this.state.delete(event.key));
  }

  private decodeOrLog(kv: KeyValue): KubeObject | undefined {
    try {
      return this.decode(kv);
    } catch (error) {
      this.logger.error(`cannot decode ${kv.key} at revision ${kv.modRevision}: ${(error as Error).message}`);
      return undefined;
    }
  }

  private settleWaiters(): void {
    if (!this.ready || this.waiters.length === 0) return;
    const waiting: FreshWaiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.revision > this.currentRevision) {
        waiting.push(waiter);
        continue;
      }
      clearTimeout(waiter.timer);
      waiter.resolve();
    }
    this.waiters = waiting;
  }
}

function* initialEvents(objects: KubeObject[], end: WatchEvent | undefined): Iterator<WatchEvent> {
  for (const object of objects) yield { type: 'ADDED', object };
  if (end) yield end;
}

function* concat<T>(...parts: Iterator<T>[]): Iterator<T> {
  for (const part of parts) {
    for (let item = part.next(); !item.done; item = part.next()) yield item.value;
  }
}

function* replayEvents(changes: CachedChange[], predicate: Predicate): Iterator<WatchEvent> {
  for (const change of changes) {
    const event = change.eventFor(predicate);
    if (event) yield event;
  }
}
