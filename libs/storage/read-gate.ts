// Lets at most a few reads of one kind run at once; later ones wait their turn, in order. Keeps a
// crowd of resumed watches replaying history from taking every pooled connection from the writes.
// A read whose reader has gone (its signal aborted) is dropped before it starts, wherever it waits.
export class ReadGate {
  private running = 0;
  /** In arrival order (a Set iterates in insertion order), so a dropped waiter leaves at once. */
  private readonly waiting = new Set<() => void>();

  constructor(private readonly limit: number) {}

  /** Runs read in its turn; rejects with the signal's reason, without running it, once the signal is aborted. */
  async run<T>(read: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    if (this.running < this.limit) this.running++;
    else await this.turn(signal);
    try {
      // Aborted while its turn came: the slot goes on to the next.
      signal?.throwIfAborted();
      return await read();
    } finally {
      // The slot passes straight to the next waiter, so a newcomer cannot overtake it.
      const [next] = this.waiting;
      if (next) next();
      else this.running--;
    }
  }

  private turn(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const drop = () => {
        this.waiting.delete(start);
        reject(signal?.reason);
      };
      const start = () => {
        this.waiting.delete(start);
        signal?.removeEventListener('abort', drop);
        resolve();
      };
      this.waiting.add(start);
      signal?.addEventListener('abort', drop, { once: true });
    });
  }
}
