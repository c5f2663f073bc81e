// Step 0 of namespace deletion: as kube's namespace controller, a deletion is handled only some
// time after it was asked for, so that objects created at the last moment (on another server, or
// still on their way into a cache) are seen and deleted too.
import type { Namespace } from '@kubenest/api/core/types';
import type { StepResult } from '../loop';

/** kube's namespaceDeletionGracePeriod. */
export const NAMESPACE_DELETION_DELAY_MS = 5_000;

export const waitDeletionDelay =
  (deps: { delayMs: number; now: () => Date }) =>
  async (ns: Namespace): Promise<StepResult> => {
    const since = ns.metadata.deletionTimestamp;
    if (!since) return { stop: true };
    const leftMs = Date.parse(String(since)) + deps.delayMs - deps.now().getTime();
    return leftMs > 0 ? { stop: true, requeueAfterMs: leftMs } : {};
  };
