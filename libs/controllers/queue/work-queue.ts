// A rate-limited work queue, as client-go's: a key waits at most once however often it is
// added, is never handled by two workers at once, can be added after a delay (the earliest
// wins, as the delaying queue keeps it), and a failed key comes back after the project's
// exponential backoff until it succeeds or is forgotten.
import { backoffDelay } from '@kubenest/apimachinery/wait';

export interface WorkQueueOptions {
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Keys handled at the same time. */
  workers?: number;
  onError?: (key: string, error: unknown) => void;
}

interface Delayed {
  at: number;
  timer: NodeJS.Timeout;
}

export class WorkQueue {
  private readonly waiting = new Set<string>();
  private readonly running = new Set<string>();
  /** Added again while running: handled once more afterwards. */
  private readonly dirty = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly delayed = new Map<string, Delayed>();
  private active = 0;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];
  private drainWaiters: (() => void)[] = [];

  constructor(
    private readonly handle: (key: string) => Promise<void>,
    private readonly options: WorkQueueOptions = {},
  ) {}

  add(key: string): void {
    if (this.stopped) return;
    if (this.running.has(key)) {
      this.dirty.add(key);
      return;
    }
    this.waiting.add(key);
    this.pump();
  }

  /** Adds the key once `delayMs` has passed; a key already due sooner keeps its earlier time. */
  addAfter(key: string, delayMs: number): void {
    if (this.stopped) return;
    if (delayMs <= 0) return this.add(key);
    const at = Date.now() + delayMs;
    const current = this.delayed.get(key);
    if (current && current.at <= at) return;
    if (current) clearTimeout(current.timer);
    const timer = setTimeout(() => {
      this.delayed.delete(key);
      this.add(key);
      this.settleIdle();
    }, delayMs);
    timer.unref();
    this.delayed.set(key, { at, timer });
  }

  /** Adds the key after the delay its failures so far earn. */
  addRateLimited(key: string): void {
    const failures = this.failures.get(key) ?? 0;
    this.failures.set(key, failures + 1);
    this.addAfter(
      key,
      backoffDelay(failures, { baseMs: this.options.baseDelayMs ?? 50, maxMs: this.options.maxDelayMs ?? 60_000 }),
    );
  }

  /** Forgets the key's failures: its next rate-limited add waits the first delay again. */
  forget(key: string): void {
    this.failures.delete(key);
  }

  /** How many times the key was added rate-limited since it was last forgotten. */
  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  /** Keys waiting now (not those delayed or running), as client-go's Len. */
  get length(): number {
    return this.waiting.size;
  }

  /** Resolves once nothing is waiting, running or scheduled for later. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops every waiting and delayed key and takes no more; keys being handled finish. */
  stop(): void {
    this.stopped = true;
    this.waiting.clear();
    this.dirty.clear();
    for (const { timer } of this.delayed.values()) clearTimeout(timer);
    this.delayed.clear();
    this.settleIdle();
  }

  /** Stops, then resolves once the keys being handled are done, as ShutDownWithDrain. */
  async shutdown(): Promise<void> {
    this.stop();
    if (this.active > 0) await new Promise<void>((resolve) => this.drainWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.waiting.size === 0 && this.active === 0 && this.delayed.size === 0;
  }

  private pump(): void {
    const workers = this.options.workers ?? 1;
    while (!this.stopped && this.active < workers && this.waiting.size > 0) {
      const key = this.waiting.values().next().value as string;
      this.waiting.delete(key);
      this.running.add(key);
      this.active++;
      void this.run(key);
    }
    this.settleIdle();
  }

  private async run(key: string): Promise<void> {
    try {
      await this.handle(key);
      this.forget(key);
    } catch (error) {
      this.options.onError?.(key, error);
      if (!this.stopped) this.addRateLimited(key);
    } finally {
      this.running.delete(key);
      this.active--;
      if (this.dirty.delete(key)) this.add(key);
      this.pump();
    }
  }

  private settleIdle(): void {
    if (this.active === 0) for (const resolve of this.drainWaiters.splice(0)) resolve();
    if (!this.stopped && !this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
