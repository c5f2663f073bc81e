// What a loop remembers of each object between reconciles (when an eviction is due, when a heartbeat
// was seen), forgotten once the object is gone. The kit reconciles only objects that exist, so no
// reconcile drops a deleted object's entry: a sweep against the lister does, whenever the memory
// has doubled since the last one (amortized constant time per write).
const FIRST_SWEEP_AT = 64;

export class ObjectMemory<V> {
  private readonly entries = new Map<string, V>();
  private sweepAt = FIRST_SWEEP_AT;

  /** `exists`: whether the object of this key is still there (a lister's getByKey). */
  constructor(private readonly exists: (key: string) => boolean) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V): void {
    this.entries.set(key, value);
    if (this.entries.size < this.sweepAt) return;
    for (const known of this.entries.keys()) if (!this.exists(known)) this.entries.delete(known);
    this.sweepAt = Math.max(FIRST_SWEEP_AT, this.entries.size * 2);
  }

  /** Whether there was an entry. */
  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
