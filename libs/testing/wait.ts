// Polls a condition until it holds or a deadline passes, so tests wait for an eventual state
// (a server's, a relay's) instead of sleeping a fixed time.
export const waitFor = async <T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
  intervalMs = 100,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const cause = lastError ? `; last error: ${(lastError as Error).message ?? String(lastError)}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
};

/** For unit tests of relays and streams: an effect due within a few turns of the event loop, 2 s at most. */
export const until = (check: () => boolean, what: string): Promise<boolean> => waitFor(what, check, 2_000, 5);
