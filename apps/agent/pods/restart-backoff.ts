// Kubelet's crash-loop backoff: the first restart is immediate, later ones wait 10 s doubling up
// to 5 minutes; a container that ran 10 minutes starts over from no backoff. The doubling is the
// project's backoff (libs/apimachinery/wait); a container record keeps the step it reached.
import { Backoff, nextBackoff } from '@kubenest/apimachinery/wait';

export const INITIAL_BACKOFF_MS = 10_000;
export const MAX_BACKOFF_MS = 300_000;
export const BACKOFF_RESET_AFTER_MS = 600_000;

const CRASH_LOOP: Backoff = { baseMs: INITIAL_BACKOFF_MS, maxMs: MAX_BACKOFF_MS };

/** The wait before this restart and the backoff the next one will use. */
export function restartDelay(backoffMs: number | undefined, ranMs: number): { delayMs: number; backoffMs: number } {
  if (backoffMs === undefined || ranMs >= BACKOFF_RESET_AFTER_MS) return { delayMs: 0, backoffMs: INITIAL_BACKOFF_MS };
  return { delayMs: backoffMs, backoffMs: nextBackoff(backoffMs, CRASH_LOOP) };
}
