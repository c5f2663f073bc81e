// What one node (real or simulated) reports about itself, resolved from flags and host facts.
import type { Taint } from '../config';

export interface NodeSettings {
  name: string;
  labels: Record<string, string>;
  taints: Taint[];
  /** Quantities, e.g. cpu "4", memory "16303916Ki", pods "110". */
  capacity: { cpu: string; memory: string; pods: string };
  operatingSystem: string;
  architecture: string;
  kernelVersion: string;
  osImage: string;
  hostname: string;
}

export const KUBELET_VERSION = 'v1.33.0-kubenest';
export const CONTAINER_RUNTIME_VERSION = 'kubenest://0.1';
