// What a simulated node reports, as KWOK's default node does: a fixed size (unless the flags
// give one), a fake address from the benchmarking range 198.18.0.0/15, and a label marking it.
import type { AgentConfig } from '../config';
import { NodeSettings } from '../node/node-settings';

export const SIMULATED_LABEL = 'node.kubenest.io/simulated';
const DEFAULT_CAPACITY = { cpu: '32', memory: '256Gi' };

export const simulatedNodeName = (prefix: string, index: number): string => `${prefix}-${index}`;

/** 198.18.0.1 onwards; 131,070 addresses before the range ends, more than --simulate allows. */
export const simulatedAddress = (index: number): string => {
  const n = index + 1;
  return `198.${18 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
};

export function simulatedNodeSettings(
  config: Pick<AgentConfig, 'name' | 'nodeLabels' | 'registerWithTaints' | 'cpu' | 'memory' | 'pods'>,
  index: number,
): NodeSettings {
  const name = simulatedNodeName(config.name, index);
  return {
    name,
    labels: { ...config.nodeLabels, [SIMULATED_LABEL]: 'true' },
    taints: config.registerWithTaints,
    capacity: {
      cpu: config.cpu ?? DEFAULT_CAPACITY.cpu,
      memory: config.memory ?? DEFAULT_CAPACITY.memory,
      pods: String(config.pods),
    },
    operatingSystem: 'linux',
    architecture: 'amd64',
    kernelVersion: 'simulated',
    osImage: 'kubenest simulated node',
    hostname: name,
  };
}
