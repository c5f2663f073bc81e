// The creations and deletions a controller has asked for and not yet seen in its informers, per
// controller key, as pkg/controller's ControllerExpectations: a controller that created 3 pods
// does not count pods again (and create 3 more) before its informer has seen them. Expectations
// older than 5 minutes count as satisfied, so a lost watch event never wedges a controller.
// Deletions may be tracked by the keys of the objects deleted, as UIDTrackingControllerExpectations:
// a pod seen terminating and then seen gone counts once.

/** kube's ExpectationsTimeout. */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

interface Expected {
  add: number;
  del: number;
  setAt: number;
  /** The keys of the objects whose deletion is awaited, when deletions are tracked by key. */
  deleting?: Set<string>;
}

export class Expectations {
  private readonly byKey = new Map<string, Expected>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly timeoutMs = EXPECTATIONS_TIMEOUT_MS,
  ) {}

  /** Replaces the key's expectations with `count` creations. */
  expectCreations(key: string, count: number): void {
    this.byKey.set(key, { add: count, del: 0, setAt: this.now() });
  }

  /** Replaces the key's expectations with `count` deletions. */
  expectDeletions(key: string, count: number): void {
    this.byKey.set(key, { add: 0, del: count, setAt: this.now() });
  }

  /** Replaces the key's expectations with the deletion of these objects (by `namespace/name`), each counted once. */
  expectDeletionsOf(key: string, objectKeys: string[]): void {
    const deleting = new Set(objectKeys);
    this.byKey.set(key, { add: 0, del: deleting.size, setAt: this.now(), deleting });
  }

  /** An informer saw one of the key's creations (or a creation failed and will never be seen). */
  creationObserved(key: string): void {
    this.lower(key, 1, 0);
  }

  /**
   * An informer saw one of the key's deletions (or a deletion failed and will never be seen). When
   * deletions are tracked, only the first sighting of an awaited object counts.
   */
  deletionObserved(key: string, objectKey?: string): void {
    const deleting = this.byKey.get(key)?.deleting;
    if (deleting && !(objectKey !== undefined && deleting.delete(objectKey))) return;
    this.lower(key, 0, 1);
  }

  /** An informer saw an object start terminating: it counts as deleted only where deletions are tracked by key. */
  terminationObserved(key: string, objectKey: string): void {
    if (this.byKey.get(key)?.deleting) this.deletionObserved(key, objectKey);
  }

  /**
   * Whether the controller may act on what its informers show: nothing expected is left, the
   * expectations expired, or there are none (a new controller, or one whose were deleted).
   */
  satisfied(key: string): boolean {
    const e = this.byKey.get(key);
    if (!e) return true;
    return (e.add <= 0 && e.del <= 0) || this.now() - e.setAt > this.timeoutMs;
  }

  /** Forgets the key, as when its controller object is deleted. */
  delete(key: string): void {
    this.byKey.delete(key);
  }

  private lower(key: string, add: number, del: number): void {
    const e = this.byKey.get(key);
    if (!e) return;
    e.add -= add;
    e.del -= del;
  }
}
