// An in-memory Store for unit tests of what sits on storage: one global revision, history for
// reads and watches at a past revision, compaction answering 'compacted', and fault injection.
import {
  KeyValue,
  ListOptions,
  ListResult,
  Preconditions,
  Store,
  StoreError,
  StoreEvent,
  WatchCallbacks,
  Watcher,
} from '@kubenest/storage';

interface FakeWatch {
  prefix: string;
  callbacks: WatchCallbacks;
  /** Until the replay is delivered, live events are left to it (they are in history too). */
  replaying: boolean;
  stopped: boolean;
}

export class FakeStore implements Store {
  // As PostgresStore and etcd: a new store is at revision 1, its first write at 2.
  private revision = 1;
  private compacted = 0;
  private readonly current = new Map<string, KeyValue>();
  /** Every change ever made; compaction only moves the floor for reads and watches. */
  private readonly changes: StoreEvent[] = [];
  private readonly watches = new Set<FakeWatch>();
  /** When false, watchers get no onProgress: a cache then only learns revisions from its own prefix. */
  progressNotify = true;
  /** How many list calls were made, to prove a cache serves from memory. */
  listCalls = 0;
  /** How many history pages were read. */
  historyCalls = 0;

  async create(key: string, value: string): Promise<KeyValue> {
    if (this.current.has(key))
      throw new StoreError('exists', `key exists: ${key}`, key, { modRevision: this.current.get(key)!.modRevision });
    const revision = ++this.revision;
    const kv = { key, value, createRevision: revision, modRevision: revision };
    this.current.set(key, kv);
    this.record({ type: 'put', key, value, revision, createRevision: revision });
    return { ...kv };
  }

  async get(key: string): Promise<KeyValue | undefined> {
    const kv = this.current.get(key);
    return kv && { ...kv };
  }

  async list(options: ListOptions): Promise<ListResult> {
    this.listCalls++;
    const revision = options.revision || this.revision;
    if (revision < this.compacted)
      throw new StoreError('compacted', `revision ${revision} is compacted (${this.compacted})`);
    if (revision > this.revision) throw new StoreError('future-revision', `revision ${revision} is in the future`);
    const keys = [...this.stateAt(revision).values()]
      .filter(
        (kv) => kv.key.startsWith(options.prefix) && (options.afterKey === undefined || kv.key > options.afterKey),
      )
      .sort((a, b) => (a.key < b.key ? -1 : 1));
    const limit = options.limit || keys.length;
    return { items: keys.slice(0, limit).map((kv) => ({ ...kv })), revision, more: keys.length > limit };
  }

  async count(prefix: string): Promise<number> {
    return [...this.current.keys()].filter((k) => k.startsWith(prefix)).length;
  }

  async update(key: string, value: string, preconditions: Preconditions): Promise<KeyValue> {
    const old = this.current.get(key);
    if (!old) throw new StoreError('not-found', `key not found: ${key}`, key);
    if (preconditions.modRevision !== undefined && preconditions.modRevision !== old.modRevision) {
      throw new StoreError('conflict', `modRevision mismatch on ${key}`, key, { modRevision: old.modRevision });
    }
    const revision = ++this.revision;
    const kv = { key, value, createRevision: old.createRevision, modRevision: revision };
    this.current.set(key, kv);
    this.record({
      type: 'put',
      key,
      value,
      prevValue: old.value,
      revision,
      createRevision: old.createRevision,
      prevRevision: old.modRevision,
    });
    return { ...kv };
  }

  async delete(key: string, preconditions?: Preconditions): Promise<KeyValue> {
    const old = this.current.get(key);
    if (!old) throw new StoreError('not-found', `key not found: ${key}`, key);
    if (preconditions?.modRevision !== undefined && preconditions.modRevision !== old.modRevision) {
      throw new StoreError('conflict', `modRevision mismatch on ${key}`, key, { modRevision: old.modRevision });
    }
    const revision = ++this.revision;
    this.current.delete(key);
    this.record({
      type: 'delete',
      key,
      value: old.value,
      prevValue: old.value,
      revision,
      createRevision: old.createRevision,
      prevRevision: old.modRevision,
    });
    return { ...old, modRevision: revision };
  }

  async currentRevision(): Promise<number> {
    return this.revision;
  }

  async compactedRevision(): Promise<number> {
    return this.compacted;
  }

  watch(prefix: string, fromRevision: number, callbacks: WatchCallbacks): Watcher {
    const watch: FakeWatch = { prefix, callbacks, replaying: true, stopped: false };
    this.watches.add(watch);
    // Like a real store, the replay arrives asynchronously, after watch() has returned.
    void Promise.resolve().then(() => {
      if (watch.stopped) return;
      if (fromRevision < this.compacted) {
        this.watches.delete(watch);
        callbacks.onError(
          new StoreError('compacted', `required revision ${fromRevision} has been compacted (${this.compacted})`),
        );
        return;
      }
      const replay = this.changes.filter((e) => e.revision > fromRevision && e.key.startsWith(prefix));
      watch.replaying = false;
      if (replay.length > 0) callbacks.onEvents(replay);
      if (this.progressNotify && !watch.stopped) callbacks.onProgress?.(this.revision);
    });
    return {
      stop: () => {
        watch.stopped = true;
        this.watches.delete(watch);
      },
    };
  }

  async history(
    prefix: string,
    after: number,
    upTo: number,
    limit: number,
    signal?: AbortSignal,
  ): Promise<StoreEvent[]> {
    signal?.throwIfAborted();
    this.historyCalls++;
    if (after < this.compacted)
      throw new StoreError('compacted', `revision ${after} has been compacted (oldest: ${this.compacted})`);
    return this.changes
      .filter((e) => e.revision > after && e.revision <= upTo && e.key.startsWith(prefix))
      .slice(0, limit)
      .map((e) => ({ ...e }));
  }

  async compact(revision: number): Promise<void> {
    if (revision > this.revision)
      throw new StoreError(
        'future-revision',
        `cannot compact to ${revision}: the current revision is ${this.revision}`,
      );
    this.compacted = Math.max(this.compacted, revision);
  }

  async close(): Promise<void> {
    this.watches.clear();
  }

  /** Ends every open watch with this error, as a lost connection or a compaction would. */
  failWatches(error: Error): void {
    for (const watch of [...this.watches]) {
      watch.stopped = true;
      this.watches.delete(watch);
      watch.callbacks.onError(error);
    }
  }

  /** Sends onProgress with the current revision to every watch. */
  notifyProgress(): void {
    for (const watch of [...this.watches]) if (!watch.replaying) watch.callbacks.onProgress?.(this.revision);
  }

  get openWatches(): number {
    return this.watches.size;
  }

  private record(event: StoreEvent): void {
    this.changes.push(event);
    for (const watch of [...this.watches]) {
      if (watch.stopped || watch.replaying) continue;
      if (event.key.startsWith(watch.prefix)) watch.callbacks.onEvents([event]);
      if (this.progressNotify && !watch.stopped) watch.callbacks.onProgress?.(this.revision);
    }
  }

  private stateAt(revision: number): Map<string, KeyValue> {
    if (revision === this.revision) return this.current;
    const state = new Map<string, KeyValue>();
    for (const e of this.changes) {
      if (e.revision > revision) break;
      if (e.type === 'delete') state.delete(e.key);
      else state.set(e.key, { key: e.key, value: e.value, createRevision: e.createRevision, modRevision: e.revision });
    }
    return state;
  }
}
