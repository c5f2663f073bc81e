// The recent changes of one prefix, oldest first, bounded in count like kube's watchCache ring.
// It answers both "changes after revision N" (watch replay) and "the state at revision R"
// (pinned list pages): each change keeps the immutable state after it.
import { CachedChange, CacheState } from './watch-event';

export class EventWindow {
  private changes: CachedChange[] = [];
  private head = 0;
  /** The state before the oldest kept change, and the revision it is known from. */
  private base: { revision: number; state: CacheState };

  constructor(
    private readonly capacity: number,
    revision: number,
    state: CacheState,
  ) {
    this.base = { revision, state };
  }

  get length(): number {
    return this.changes.length - this.head;
  }

  /** The oldest revision whose state, and every change after it, the window still holds. */
  get oldestRevision(): number {
    return this.base.revision;
  }

  push(change: CachedChange): void {
    this.changes.push(change);
    if (this.length > this.capacity) {
      const evicted = this.changes[this.head++];
      // Nothing else changed the prefix until the next change, so the evicted change's state
      // still answers for every revision from it up to the next one.
      this.base = { revision: evicted.revision, state: evicted.state };
      if (this.head > this.capacity) {
        this.changes = this.changes.slice(this.head);
        this.head = 0;
      }
    }
  }

  /** Changes with revision > revision, oldest first; undefined when some were already dropped. */
  since(revision: number): CachedChange[] | undefined {
    if (revision < this.base.revision) return undefined;
    return this.changes.slice(this.firstAfter(revision));
  }

  /** The state at revision (which must not be newer than the cache); undefined when dropped. */
  stateAt(revision: number): CacheState | undefined {
    if (revision < this.base.revision) return undefined;
    const i = this.firstAfter(revision);
    return i === this.head ? this.base.state : this.changes[i - 1].state;
  }

  private firstAfter(revision: number): number {
    let lo = this.head;
    let hi = this.changes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.changes[mid].revision <= revision) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
