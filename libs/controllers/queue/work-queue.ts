// A tiny rate-limited work queue, as client-go's: a key waits at most once however often it is
// added, is never handled by two workers at once, and a failed key comes back after an
// exponentially growing delay until it succeeds.
import { backoffDelay } from '@kubenest/apimachinery/wait';

export interface WorkQueueOptions {
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Keys handled at the same time. */
  workers?: number;
  onError?: (key: string, error: unknown) => void;
}

export class WorkQueue {
  private readonly waiting = new Set<string>();
  private readonly running = new Set<string>();
  /** Added again while running: handled once more afterwards. */
  private readonly dirty = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private active = 0;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

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

  /** Adds the key after the delay its failures so far earn. */
  addRateLimited(key: string): void {
    const failures = this.failures.get(key) ?? 0;
    this.failures.set(key, failures + 1);
    const delay = backoffDelay(failures, {
      baseMs: this.options.baseDelayMs ?? 50,
      maxMs: this.options.maxDelayMs ?? 60_000,
    });
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.add(key);
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }

  /** Resolves once nothing is waiting, running or scheduled for a retry. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    this.waiting.clear();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.settleIdle();
  }

  private isIdle(): boolean {
    return this.waiting.size === 0 && this.active === 0 && this.timers.size === 0;
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
      this.failures.delete(key);
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
    if (!this.stopped && !this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
