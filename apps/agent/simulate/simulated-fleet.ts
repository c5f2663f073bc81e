// --simulate N: N fake nodes in this process, like KWOK. Each joins with its own identity
// (system:node:<name>, so the Node authorizer treats it as that node), keeps one connection, and
// renews its Lease and posts status on its own timer, staggered across the 10 s interval. One pod
// informer serves the whole fleet; each pod's status is written by its own node.
import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { AgentConfig } from '../config';
import { agentClient } from '../agent-client';
import { httpsJoinDeps, joinNode, NodeCredentials } from '../join';
import { LEASE_RENEW_INTERVAL_MS } from '../lease/node-lease';
import { NO_PRESSURE } from '../node/node-conditions';
import { nodeApi } from '../node/node-api';
import { RunningNode, runNode } from '../node/run-node';
import { mapLimit } from '../util/map-limit';
import { startFleetPodInformer } from './fleet-pod-informer';
import { podApi } from './pod-api';
import { simulatedAddress, simulatedNodeSettings } from './simulated-node-settings';
import { FleetNode, SimulatedPodWorker } from './simulated-pod-worker';

const JOIN_CONCURRENCY = 8;
const POD_WRITE_CONCURRENCY = 64;
const POD_RETRY = { baseMs: 200, maxMs: 10_000 };
const logger = new Logger('SimulatedFleet');

export interface SimulatedFleet {
  nodes: string[];
  stop(): Promise<void>;
}

interface StartedNode {
  running: RunningNode;
  credentials: NodeCredentials;
  fleetNode: FleetNode;
  close(): void;
}

export async function startSimulatedFleet(config: AgentConfig, signal?: AbortSignal): Promise<SimulatedFleet> {
  const join_ = joinNode(httpsJoinDeps(config.server));
  const indexes = Array.from({ length: config.simulate }, (_, i) => i);
  const started = Date.now();
  let joined = 0;
  const nodes = await mapLimit(indexes, JOIN_CONCURRENCY, async (i): Promise<StartedNode> => {
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
    const client = agentClient({ ...result.credentials, maxSockets: 1 });
    const running = await runNode(
      { api: nodeApi(client), readSignals: async () => NO_PRESSURE, internalIP: () => simulatedAddress(i) },
      settings,
      { staggerMs: Math.floor((i * LEASE_RENEW_INTERVAL_MS) / config.simulate), signal },
    );
    return {
      running,
      credentials: result.credentials,
      fleetNode: { hostIP: simulatedAddress(i), pods: podApi(client) },
      close: () => client.close(),
    };
  });
  logger.log(`${nodes.length} simulated nodes up (${joined} joined now) in ${Date.now() - started} ms`);

  const worker = new SimulatedPodWorker(new Map(nodes.map((n) => [n.running.name, n.fleetNode])), {
    concurrency: POD_WRITE_CONCURRENCY,
    retry: POD_RETRY,
  });
  // Any node may read every pod (the Node authorizer's get/list/watch on pods): the first one watches for all.
  const watchClient = agentClient({ ...nodes[0].credentials, maxSockets: 2 });
  const informer = startFleetPodInformer(watchClient, worker);
  await informer.waitForSync();
  return {
    nodes: nodes.map((n) => n.running.name),
    stop: async () => {
      informer.stop();
      await worker.stop();
      watchClient.close();
      await Promise.all(nodes.map(async (n) => (await n.running.stop(), n.close())));
    },
  };
}
