// When a supervisor starts a process again after it exits: the policy's first delay after a
// first failure, doubling while it keeps failing quickly, back to the first delay once it had run
// a while (as kubelet's CrashLoopBackOff resets after a container ran 10 minutes; a policy says
// how soon).
import { Backoff, nextBackoff } from './backoff';

export interface RestartPolicy extends Backoff {
  /** A run at least this long counts as healthy: the next delay starts over. */
  healthyAfterMs: number;
  /** The delay after a first failure or a healthy run; baseMs unless set (kubelet restarts at once: 0). */
  firstDelayMs?: number;
}

/** previousDelayMs: the delay before the run that just ended; undefined for the first run. */
export function nextRestartDelay(previousDelayMs: number | undefined, ranForMs: number, policy: RestartPolicy): number {
  if (previousDelayMs === undefined || ranForMs >= policy.healthyAfterMs) return policy.firstDelayMs ?? policy.baseMs;
  return nextBackoff(previousDelayMs, policy);
}
