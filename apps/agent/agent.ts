// The agent: either this host as one node, or --simulate N fake nodes; stop() stops them all.
import { AgentConfig } from './config';
import { RunningNode } from './node/run-node';
import { startRealNode } from './real-node';
import { startSimulatedFleet } from './simulate/simulated-fleet';

export interface RunningAgent {
  nodes: string[];
  stop(): Promise<void>;
}

export async function startAgent(config: AgentConfig, signal?: AbortSignal): Promise<RunningAgent> {
  const nodes: RunningNode[] =
    config.simulate > 0 ? await startSimulatedFleet(config, signal) : [await startRealNode(config, signal)];
  return {
    nodes: nodes.map((n) => n.name),
    stop: async () => void (await Promise.all(nodes.map((n) => n.stop()))),
  };
}
