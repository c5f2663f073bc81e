// The pod GC as the LoopManager runs it: a pass every period (kube's gcCheckPeriod, 20 s) over the
// term's pod and node informers, acting as kube's pod-garbage-collector service account.
import { Logger } from '@nestjs/common';
import type { Node, Pod } from '@kubenest/api/core/types';
import { controllerServiceAccount } from '@kubenest/auth/authz/controller-policy';
import { resources } from '@kubenest/client';
import type { RunnableLoop } from '../loop';
import { PodGC } from './pod-gc';

export const POD_GC_CONTROLLER = controllerServiceAccount('pod-garbage-collector');
/** kube's --terminated-pod-gc-threshold default. */
export const DEFAULT_TERMINATED_POD_GC_THRESHOLD = 12500;

export interface PodGCLoopOptions {
  terminatedPodThreshold?: number;
  periodMs?: number;
  quarantineMs?: number;
  now?: () => number;
}

export const podGCLoop = (options: PodGCLoopOptions = {}): RunnableLoop => ({
  name: 'podgc',
  identity: POD_GC_CONTROLLER,
  run: ({ client, informers }) => {
    const logger = new Logger('Loop podgc');
    const pods = informers.informerFor<Pod>(resources.pods);
    const nodes = informers.informerFor<Node>(resources.nodes);
    const gc = new PodGC({
      client,
      pods: pods.lister,
      nodes: nodes.lister,
      terminatedPodThreshold: options.terminatedPodThreshold ?? DEFAULT_TERMINATED_POD_GC_THRESHOLD,
      quarantineMs: options.quarantineMs ?? 40_000,
      now: options.now ?? Date.now,
      logger,
    });
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> = Promise.resolve();
    let stopped = false;
    const tick = () => {
      running = gc
        .pass()
        .catch((e: Error) => logger.warn(`pass failed: ${e.message}`))
        .finally(() => {
          if (!stopped) timer = setTimeout(tick, options.periodMs ?? 20_000);
        });
    };
    return {
      start: async () => {
        const synced = await Promise.all([pods.waitForSync(), nodes.waitForSync()]);
        if (stopped || !synced.every(Boolean)) return;
        tick();
      },
      stop: async () => {
        stopped = true;
        clearTimeout(timer);
        await running;
      },
      idle: () => running,
    };
  },
});
