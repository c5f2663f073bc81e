// Keeps the node's Lease renewed every 10 s, retrying failures with kubelet's 200 ms → 7 s backoff.
import { Logger } from '@nestjs/common';
import { Lease, NodeApi } from '../node/node-api';
import { RepeatingTask } from '../util/repeating-task';
import { LEASE_BACKOFF, LEASE_RENEW_INTERVAL_MS, NodeRef } from './node-lease';
import { renewLease } from './renew-lease.step';

const logger = new Logger('LeaseHeartbeat');

export function startLeaseHeartbeat(
  api: Pick<NodeApi, 'getLease' | 'createLease' | 'updateLease'>,
  node: NodeRef,
  options: { initialDelayMs?: number; intervalMs?: number } = {},
): RepeatingTask {
  const renew = renewLease(api);
  let latest: Lease | undefined;
  return new RepeatingTask(
    async () => {
      latest = await renew(latest, node, Date.now());
    },
    {
      intervalMs: options.intervalMs ?? LEASE_RENEW_INTERVAL_MS,
      backoff: LEASE_BACKOFF,
      initialDelayMs: options.initialDelayMs,
      onError: (e, attempt) => {
        latest = undefined;
        if (attempt === 0 || attempt % 10 === 0) logger.warn(`lease of ${node.name}: ${(e as Error).message}`);
      },
    },
  ).start();
}
