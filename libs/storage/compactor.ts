// Keeps a window of history (default 5 minutes), as kube-apiserver's compactor does: it
// remembers which revision was current when, and compacts to the newest one older than the window.
import { Logger } from '@nestjs/common';
import { Store } from './store';

export interface CompactorOptions {
  /** How often to sample the revision and compact (default 60 s). */
  intervalMs?: number;
  /** How much history to keep (default 5 minutes). */
  windowMs?: number;
}

export interface Compactor {
  stop(): void;
}

export function startCompactor(store: Store, options: CompactorOptions = {}): Compactor {
  const logger = new Logger('Compactor');
  const intervalMs = options.intervalMs ?? 60_000;
  const windowMs = options.windowMs ?? 5 * 60_000;
  const samples: { at: number; revision: number }[] = [];
  let busy = false;

  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const now = Date.now();
      samples.push({ at: now, revision: await store.currentRevision() });
      let target: number | undefined;
      while (samples.length > 0 && samples[0].at <= now - windowMs) target = samples.shift()!.revision;
      if (target !== undefined) await store.compact(target);
    } catch (error) {
      logger.warn(`compaction failed: ${(error as Error).message}`);
    } finally {
      busy = false;
    }
  };

  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  return { stop: () => clearInterval(timer) };
}
