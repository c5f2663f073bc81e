// Brings one node up and keeps it alive: register (retrying with backoff until the API answers),
// then the Lease heartbeat and the status reporter, until stop().
import { Logger } from '@nestjs/common';
import { isStatus } from '../util/status-code';
import { JoinError } from '../join/join-error';
import { startLeaseHeartbeat } from '../lease/lease-heartbeat';
import { LEASE_BACKOFF } from '../lease/node-lease';
import { backoffDelay } from '@kubenest/apimachinery/wait';
import { NodeApi } from './node-api';
import { nodeConditions, PressureSignals } from './node-conditions';
import { nodeObject, nodeStatus } from './node-object';
import { NodeSettings } from './node-settings';
import { startNodeStatusReporter } from './node-status-reporter';
import { registerNode } from './register-node.step';

export interface RunNodeDeps {
  api: NodeApi;
  readSignals: () => Promise<PressureSignals>;
  internalIP: () => string;
}

export interface RunNodeOptions {
  /** Delays the first lease renewal and status post, to spread many nodes over the interval. */
  staggerMs?: number;
  signal?: AbortSignal;
}

export interface RunningNode {
  name: string;
  stop(): Promise<void>;
}

const logger = new Logger('Node');

export async function runNode(
  deps: RunNodeDeps,
  settings: NodeSettings,
  options: RunNodeOptions = {},
): Promise<RunningNode> {
  const register = registerNode(deps.api);
  const conditions = nodeConditions(await deps.readSignals(), [], Date.now());
  // The first call also tells the client which local address reaches the server (InternalIP).
  for (let attempt = 0; ; attempt++) {
    options.signal?.throwIfAborted();
    try {
      const { node, created } = await register(
        nodeObject(settings, nodeStatus(settings, deps.internalIP(), conditions)),
      );
      logger.log(`node ${settings.name} ${created ? 'registered' : 'already registered'}`);
      const ref = { name: settings.name, uid: node.metadata.uid };
      const lease = startLeaseHeartbeat(deps.api, ref, { initialDelayMs: options.staggerMs });
      const reporterDeps = { ...deps, getNode: deps.api.getNode, patchNodeStatus: deps.api.patchNodeStatus };
      const status = startNodeStatusReporter(reporterDeps, settings, {
        initialDelayMs: options.staggerMs,
      });
      return { name: settings.name, stop: async () => void (await Promise.all([lease.stop(), status.stop()])) };
    } catch (e) {
      if (isStatus(e, 401) || isStatus(e, 403)) {
        throw new JoinError(`the control plane refused node ${settings.name} (${e.code}): ${e.message}`);
      }
      const delay = backoffDelay(attempt, LEASE_BACKOFF);
      logger.warn(`registering node ${settings.name} failed (${(e as Error).message}); retrying in ${delay} ms`);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
