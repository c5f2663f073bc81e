// Exponential backoff for retrying API calls: base doubling up to a ceiling, as kubelet's lease
// controller backs off from 200 ms to 7 s.

export interface Backoff {
  baseMs: number;
  maxMs: number;
}

export const LEASE_BACKOFF: Backoff = { baseMs: 200, maxMs: 7000 };

/** Delay before retry number `attempt` (0 for the first retry). */
export const backoffDelay = (attempt: number, b: Backoff): number => Math.min(b.baseMs * 2 ** attempt, b.maxMs);
