// The store's contract: etcd's, as the Kubernetes apiserver relies on it. Keys and opaque
// string values (JSON text) with one global, strictly increasing revision; no kinds here.

/** One key's current value and the revisions that made it. */
export interface KeyValue {
  key: string;
  value: string;
  /** Revision of the write that created the key (its current incarnation). */
  createRevision: number;
  /** Revision of the last write to the key; the object's resourceVersion. */
  modRevision: number;
}

export interface ListOptions {
  /** Keys starting with this prefix; '/' should end it to avoid matching siblings. */
  prefix: string;
  /** Read at this revision (from history); absent or 0: the current state. */
  revision?: number;
  /** At most this many items; 0 or absent: all. */
  limit?: number;
  /** Start strictly after this key (the continue position). */
  afterKey?: string;
}

export interface ListResult {
  items: KeyValue[];
  /** The revision the list was read at. */
  revision: number;
  /** More keys remain after the last item. */
  more: boolean;
}

/** What a write may demand of the current value; a mismatch fails with a Conflict. */
export interface Preconditions {
  /** The key's modRevision must equal this (compare-and-swap). */
  modRevision?: number;
}

export type WatchEventType = 'put' | 'delete';

/** One change, as delivered by watch: exactly once, in revision order, with no gap. */
export interface StoreEvent {
  type: WatchEventType;
  key: string;
  /** The new value for put; the last value before the delete for delete. */
  value: string;
  /** The value before this change, absent on create. */
  prevValue?: string;
  /** The revision of this change. */
  revision: number;
  createRevision: number;
  /** The key's modRevision before this change (absent on create). */
  prevRevision?: number;
}

export interface Watcher {
  /** Stops delivery; pending events are dropped. */
  stop(): void;
}

export interface WatchCallbacks {
  /** Called with batches of events in revision order. */
  onEvents(events: StoreEvent[]): void;
  /**
   * Called once when the watch can no longer continue (for example its start revision was
   * compacted: a StoreError with code 'compacted'). No more events follow.
   */
  onError(error: Error): void;
  /** Called after catching up with the store, with the global revision seen so far (for bookmarks/progress). */
  onProgress?(revision: number): void;
}

export interface Store {
  /** Fails with StoreError 'exists' when the key exists. Returns the new KeyValue. */
  create(key: string, value: string): Promise<KeyValue>;
  get(key: string): Promise<KeyValue | undefined>;
  list(options: ListOptions): Promise<ListResult>;
  /** Count of keys under a prefix at the current revision. */
  count(prefix: string): Promise<number>;
  /** Replaces the value; fails with 'not-found' if absent, 'conflict' if preconditions fail. */
  update(key: string, value: string, preconditions: Preconditions): Promise<KeyValue>;
  /** Deletes the key; returns the deleted KeyValue with the revision of the delete as modRevision. */
  delete(key: string, preconditions?: Preconditions): Promise<KeyValue>;
  /** The latest committed revision (one cheap query). */
  currentRevision(): Promise<number>;
  /** The oldest revision still in history; watches and lists from before it answer 'compacted'. */
  compactedRevision(): Promise<number>;
  /** Every change under prefix with revision > fromRevision. */
  watch(prefix: string, fromRevision: number, callbacks: WatchCallbacks): Watcher;
  /**
   * One page of what watch(prefix, after) would deliver: at most limit changes under prefix with
   * after < revision <= upTo, oldest first. Fails 'compacted' when after is below the compaction
   * point, since changes after it may be gone. For replays paced by their reader; once its signal is
   * aborted (the reader has gone) a page not yet read is not read, and rejects with the signal's reason.
   */
  history(prefix: string, after: number, upTo: number, limit: number, signal?: AbortSignal): Promise<StoreEvent[]>;
  /** Removes history at or below revision, keeping each key's latest version. */
  compact(revision: number): Promise<void>;
  close(): Promise<void>;
}
