// A few worker threads that take CPU-heavy jobs off the event loop, each job within a CPU-time budget:
// a worker that overruns it, runs out of memory or dies is terminated, its job refused with the
// error the pool was given, and a new worker takes its place. Both sides of the protocol live here.
import { readFileSync, readlinkSync } from 'node:fs';
import { ResourceLimits, Worker, parentPort } from 'node:worker_threads';

export interface WorkerPoolOptions {
  /** The worker's script: a compiled .js file that calls serveJobs, or (with `eval`) its code. */
  script: string;
  eval?: boolean;
  size: number;
  /** CPU time a job may use: the worker thread's own, read from /proc where Linux has it, else wall time. */
  budgetMs: number;
  resourceLimits?: ResourceLimits;
  overBudget: () => Error;
  outOfMemory: () => Error;
}

interface Job {
  input: unknown;
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  /** The worker's thread id in the kernel's numbering, once it has told it. */
  tid?: number;
  job?: Job;
  startedMs?: number;
}

/** What a worker posts: first `{ tid }` once ready, then one `{ output }` per job. */
type WorkerMessage = { ready: true; tid?: number } | { output: unknown };

// Linux counts thread CPU time in clock ticks, 100 a second on every architecture Node runs on.
const msPerTick = 10;

const threadCpuMs = (tid: number): number | undefined => {
  try {
    const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * msPerTick;
  } catch {
    return undefined;
  }
};

const watchdogIntervalMs = 25;

export class WorkerPool<In, Out> {
  private readonly slots = new Set<Slot>();
  private readonly idle: Slot[] = [];
  private readonly queue: Job[] = [];
  private watchdog?: NodeJS.Timeout;

  constructor(private readonly options: WorkerPoolOptions) {}

  run(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ input, resolve: resolve as (output: unknown) => void, reject });
      this.dispatch();
    });
  }

  /** Terminates every worker; jobs still waiting are refused. */
  async close(): Promise<void> {
    for (const job of this.queue.splice(0)) job.reject(new Error('the worker pool was closed'));
    await Promise.all([...this.slots].map((slot) => this.retire(slot, new Error('the worker pool was closed'))));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.idle.pop();
      if (!slot) {
        if (this.slots.size < this.options.size) this.spawn();
        return;
      }
      slot.job = this.queue.shift()!;
      slot.startedMs = this.usedMs(slot);
      slot.worker.postMessage(slot.job.input);
      this.watch();
    }
  }

  private spawn(): void {
    const worker = new Worker(this.options.script, {
      eval: this.options.eval,
      resourceLimits: this.options.resourceLimits,
    });
    const slot: Slot = { worker };
    this.slots.add(slot);
    worker.unref();
    worker.on('message', (message: WorkerMessage) => {
      if (!this.slots.has(slot)) return;
      if ('ready' in message) slot.tid = message.tid;
      else this.settle(slot)?.resolve(message.output);
      this.idle.push(slot);
      this.dispatch();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const failure = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? this.options.outOfMemory() : error;
      this.settle(slot)?.reject(failure);
    });
    worker.on('exit', () => {
      this.settle(slot)?.reject(new Error('the worker thread exited'));
      this.forget(slot);
      this.dispatch();
    });
  }

  /** The slot's job, which it no longer holds. */
  private settle(slot: Slot): Job | undefined {
    const job = slot.job;
    slot.job = undefined;
    return job;
  }

  private forget(slot: Slot): void {
    this.slots.delete(slot);
    const at = this.idle.indexOf(slot);
    if (at >= 0) this.idle.splice(at, 1);
  }

  private async retire(slot: Slot, error: Error): Promise<void> {
    this.settle(slot)?.reject(error);
    this.forget(slot);
    await slot.worker.terminate();
  }

  private usedMs(slot: Slot): number {
    return (slot.tid !== undefined ? threadCpuMs(slot.tid) : undefined) ?? performance.now();
  }

  // Runs while a job does: a worker past its budget is terminated and replaced.
  private watch(): void {
    if (this.watchdog) return;
    this.watchdog = setInterval(() => {
      const busy = [...this.slots].filter((slot) => slot.job);
      for (const slot of busy) {
        if (this.usedMs(slot) - slot.startedMs! > this.options.budgetMs) {
          void this.retire(slot, this.options.overBudget()).then(() => this.dispatch());
        }
      }
      if (busy.length === 0) {
        clearInterval(this.watchdog);
        this.watchdog = undefined;
      }
    }, watchdogIntervalMs);
    this.watchdog.unref();
  }
}

// The worker's thread id as the kernel numbers it (/proc/thread-self links to <pid>/task/<tid>).
const kernelThreadId = (): number | undefined => {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return undefined;
  }
};

/** Runs in a worker: tells the pool its thread id, then answers each job with `handle`'s result. */
export const serveJobs = <In, Out>(handle: (input: In) => Out): void => {
  const port = parentPort!;
  port.postMessage({ ready: true, tid: kernelThreadId() } satisfies WorkerMessage);
  port.on('message', (input: In) => port.postMessage({ output: handle(input) } satisfies WorkerMessage));
};
