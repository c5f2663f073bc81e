// A token bucket, as client-go's flowcontrol token bucket rate limiter that kube's node lifecycle
// controller takes nodes from: `qps` tokens a second up to `burst`, full at the start; a rate of 0
// never gives one.
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly qps: number,
    private readonly now: () => number,
    private readonly burst = 1,
  ) {
    this.tokens = qps > 0 ? burst : 0;
    this.last = now();
  }

  /** Takes a token: 0 when one was there, else how long until one will be (ms; Infinity at rate 0). */
  tryAccept(): number {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.qps);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return this.qps > 0 ? Math.ceil(((1 - this.tokens) / this.qps) * 1000) : Infinity;
  }
}
