// The agent: either this host as one node, or --simulate N fake nodes; stop() stops them all.
import { AgentConfig } from './config';
import { startRealNode } from './real-node';
import { startSimulatedFleet } from './simulate/simulated-fleet';

export interface RunningAgent {
  nodes: string[];
  /**
   * Stops serving. As kubelet, the node's containers run on (the next run adopts them) unless the
   * node shuts down with the agent.
   */
  stop(options?: { nodeShutdown?: boolean }): Promise<void>;
}

export interface AgentHooks {
  signal?: AbortSignal;
  /** Called once the node has its identity (joined now, or stored by an earlier run). */
  onJoined?: () => void;
}

export async function startAgent(config: AgentConfig, hooks: AgentHooks = {}): Promise<RunningAgent> {
  if (config.simulate > 0) return startSimulatedFleet(config, hooks.signal);
  const node = await startRealNode(config, hooks);
  return { nodes: [node.name], stop: (options) => node.stop(options) };
}
