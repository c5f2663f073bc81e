// The agent: either this host as one node, or --simulate N fake nodes; stop() stops them all.
import { AgentConfig } from './config';
import { startRealNode } from './real-node';
import { startSimulatedFleet } from './simulate/simulated-fleet';

export interface RunningAgent {
  nodes: string[];
  stop(): Promise<void>;
}

export async function startAgent(config: AgentConfig, signal?: AbortSignal): Promise<RunningAgent> {
  if (config.simulate > 0) return startSimulatedFleet(config, signal);
  const node = await startRealNode(config, signal);
  return { nodes: [node.name], stop: () => node.stop() };
}
