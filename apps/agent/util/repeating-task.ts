// Runs a task again and again: the interval after a success, an exponential backoff after a
// failure, first run after an initial delay (staggering many simulated nodes). stop() waits for
// a run in flight, so nothing is written after it resolves.
import { Backoff, backoffDelay } from '@kubenest/apimachinery/wait';

export interface RepeatingTaskOptions {
  intervalMs: number;
  backoff: Backoff;
  initialDelayMs?: number;
  onError?: (error: unknown, attempt: number) => void;
}

export class RepeatingTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private failures = 0;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly options: RepeatingTaskOptions,
  ) {}

  start(): this {
    this.schedule(this.options.initialDelayMs ?? 0);
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce();
    }, delayMs);
  }

  private async runOnce(): Promise<void> {
    try {
      await this.task();
      this.failures = 0;
      this.schedule(this.options.intervalMs);
    } catch (e) {
      this.options.onError?.(e, this.failures);
      this.schedule(backoffDelay(this.failures++, this.options.backoff));
    }
  }
}
