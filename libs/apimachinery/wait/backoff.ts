// The one exponential backoff: a first delay doubling with each failure up to a ceiling, as
// k8s.io/apimachinery's wait.Backoff with a factor of 2 (kubelet's lease controller backs off
// from 200 ms to 7 s this way). Retries count their failures; supervisors use restart-backoff.ts.

export interface Backoff {
  baseMs: number;
  maxMs: number;
}

/** Delay before retry number `attempt` (0 for the first retry). */
export const backoffDelay = (attempt: number, b: Backoff): number => Math.min(b.baseMs * 2 ** attempt, b.maxMs);
