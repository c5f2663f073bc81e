// The one exponential backoff: a first delay doubling with each failure up to a ceiling, as
// k8s.io/apimachinery's wait.Backoff with a factor of 2 (kubelet's lease controller backs off
// from 200 ms to 7 s this way), optionally jittered as wait.Jitter spreads retries of many
// clients. Retries count their failures; supervisors use restart-backoff.ts.

export interface Backoff {
  baseMs: number;
  maxMs: number;
  /** Adds up to this fraction of the delay at random (wait.Jitter's maxFactor); none when unset. */
  jitter?: number;
}

const jittered = (delayMs: number, b: Backoff, random: () => number): number =>
  b.jitter ? delayMs + Math.floor(random() * b.jitter * delayMs) : delayMs;

/** Delay before retry number `attempt` (0 for the first retry). */
export const backoffDelay = (attempt: number, b: Backoff, random: () => number = Math.random): number =>
  jittered(Math.min(b.baseMs * 2 ** attempt, b.maxMs), b, random);

/** The step after `previousMs` (unjittered): double it, never below the first delay nor above the ceiling. */
export const nextBackoff = (previousMs: number, b: Backoff): number =>
  Math.min(Math.max(previousMs * 2, b.baseMs), b.maxMs);
