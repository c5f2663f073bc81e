// Watch events as the cache hands them out. One store change becomes one CachedChange whose
// event objects are built once and shared by every watcher, so the HTTP layer can cache the
// JSON of each event (see watchEventJson) instead of serialising it per watcher.
import { KubeObject, Status, StatusError } from '@kubenest/apimachinery';
import { Predicate } from './selection';
import { SortedTree } from './sorted-tree';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** The wire shape of a watch event. Objects are shared with the cache: never mutate them. */
export interface WatchEvent {
  readonly type: WatchEventType;
  readonly object: KubeObject | Status;
}

/** Annotation on the bookmark that ends the initial events of a sendInitialEvents watch. */
export const INITIAL_EVENTS_END_ANNOTATION = 'k8s.io/initial-events-end';

/** The cached state: objects by key. */
export type CacheState = SortedTree<KubeObject>;

/** A copy of obj claiming another resourceVersion; deletes carry the last state at the delete's revision. */
export const withResourceVersion = (obj: KubeObject, revision: number): KubeObject => ({
  ...obj,
  metadata: { ...obj.metadata, resourceVersion: String(revision) },
});

/** One change of the watched prefix: the object before and after it. */
export class Change {
  private added?: WatchEvent;
  private modified?: WatchEvent;
  private deleted?: WatchEvent;

  constructor(
    readonly revision: number,
    readonly key: string,
    /** The object after a put; absent for a delete. */
    readonly object: KubeObject | undefined,
    /** The object before the change; absent for a create. */
    readonly prevObject: KubeObject | undefined,
  ) {}

  /**
   * The event a watcher with this predicate sees, as kube's cacheWatcher decides it: an object
   * that starts matching is ADDED, one that stops matching is DELETED (its previous state at
   * this revision), otherwise MODIFIED; undefined when the watcher sees neither state.
   */
  eventFor(predicate: Predicate): WatchEvent | undefined {
    const now = this.object !== undefined && predicate(this.key, this.object);
    const before = this.prevObject !== undefined && predicate(this.key, this.prevObject);
    if (now) return before ? this.modifiedEvent() : this.addedEvent();
    return before ? this.deletedEvent() : undefined;
  }

  private addedEvent(): WatchEvent {
    return (this.added ??= { type: 'ADDED', object: this.object! });
  }

  private modifiedEvent(): WatchEvent {
    return (this.modified ??= { type: 'MODIFIED', object: this.object! });
  }

  private deletedEvent(): WatchEvent {
    return (this.deleted ??= { type: 'DELETED', object: withResourceVersion(this.prevObject!, this.revision) });
  }
}

/** A change kept by the cache, with the state after it (the snapshot at its revision). */
export class CachedChange extends Change {
  constructor(
    revision: number,
    key: string,
    object: KubeObject | undefined,
    prevObject: KubeObject | undefined,
    readonly state: CacheState,
  ) {
    super(revision, key, object, prevObject);
  }
}

/** The ERROR event that ends a watch: a Status error as is, anything else as a 500. */
export const errorEvent = (error: unknown): WatchEvent => {
  const status = StatusError.is(error) ? error : StatusError.internal((error as Error).message);
  return { type: 'ERROR', object: status.toStatus() };
};

const jsonCache = new WeakMap<WatchEvent, string>();

/** The event's JSON text, computed once per event however many watchers send it. */
export const watchEventJson = (event: WatchEvent): string => {
  let json = jsonCache.get(event);
  if (json === undefined) {
    json = JSON.stringify(event);
    jsonCache.set(event, json);
  }
  return json;
};
