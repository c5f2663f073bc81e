// Creations in batches that double while they succeed (1, 2, 4, ...), as kube's slowStartBatch: a
// controller whose creations all fail (quota, a webhook) fails once, not hundreds of times.

/** kube's SlowStartInitialBatchSize. */
export const SLOW_START_INITIAL_BATCH = 1;

export interface SlowStartResult {
  successes: number;
  /** The first failure of the batch that stopped the run. */
  error?: unknown;
}

/** Runs `call` `count` times, each batch at once; stops after a batch with a failure. */
export const slowStartBatch = async (
  count: number,
  call: () => Promise<void>,
  initialBatch = SLOW_START_INITIAL_BATCH,
): Promise<SlowStartResult> => {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatch); batch > 0; batch = Math.min(2 * batch, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: batch }, () => call()));
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    successes += batch - failed.length;
    if (failed.length) return { successes, error: failed[0].reason };
    remaining -= batch;
  }
  return { successes };
};
