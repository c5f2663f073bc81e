// Kubelet's crash-loop backoff: the first restart is immediate, later ones wait 10 s doubling up
// to 5 minutes; a container that ran 10 minutes starts over from no backoff. Its own (the project's
// backoff, libs/apimachinery/wait, waits before the first retry too): a container record keeps it.

export const INITIAL_BACKOFF_MS = 10_000;
export const MAX_BACKOFF_MS = 300_000;
export const BACKOFF_RESET_AFTER_MS = 600_000;

/** The wait before this restart and the backoff the next one will use. */
export function restartDelay(backoffMs: number | undefined, ranMs: number): { delayMs: number; backoffMs: number } {
  if (backoffMs === undefined || ranMs >= BACKOFF_RESET_AFTER_MS) return { delayMs: 0, backoffMs: INITIAL_BACKOFF_MS };
  return { delayMs: backoffMs, backoffMs: Math.min(backoffMs * 2, MAX_BACKOFF_MS) };
}
