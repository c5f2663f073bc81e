// --simulate N: N fake nodes in this process, like KWOK. Each joins with its own identity
// (system:node:<name>, so the Node authorizer treats it as that node), keeps one connection, and
// renews its Lease and posts status on its own timer, staggered across the 10 s interval.
import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { AgentConfig } from '../config';
import { HttpsApiClient } from '../client/https-api-client';
import { httpsJoinDeps, joinNode } from '../join';
import { LEASE_RENEW_INTERVAL_MS } from '../lease/node-lease';
import { NO_PRESSURE } from '../node/node-conditions';
import { nodeApi } from '../node/node-api';
import { RunningNode, runNode } from '../node/run-node';
import { mapLimit } from '../util/map-limit';
import { simulatedAddress, simulatedNodeSettings } from './simulated-node-settings';

const JOIN_CONCURRENCY = 8;
const logger = new Logger('SimulatedFleet');

export async function startSimulatedFleet(config: AgentConfig, signal?: AbortSignal): Promise<RunningNode[]> {
  const join_ = joinNode(httpsJoinDeps(config.server));
  const indexes = Array.from({ length: config.simulate }, (_, i) => i);
  const started = Date.now();
  let joined = 0;
  const nodes = await mapLimit(indexes, JOIN_CONCURRENCY, async (i) => {
    signal?.throwIfAborted();
    const settings = simulatedNodeSettings(config, i);
    const result = await join_({
      server: config.server,
      nodeName: settings.name,
      dir: join(config.dataDir, 'simulated', settings.name),
      token: config.token,
      caCertHash: config.caCertHash,
    });
    if (result.joined) joined++;
    const client = new HttpsApiClient({ ...result.credentials, maxSockets: 1 });
    const running = await runNode(
      { api: nodeApi(client), readSignals: async () => NO_PRESSURE, internalIP: () => simulatedAddress(i) },
      settings,
      { staggerMs: Math.floor((i * LEASE_RENEW_INTERVAL_MS) / config.simulate), signal },
    );
    return { name: running.name, stop: async () => (await running.stop(), client.close()) };
  });
  logger.log(`${nodes.length} simulated nodes up (${joined} joined now) in ${Date.now() - started} ms`);
  return nodes;
}
