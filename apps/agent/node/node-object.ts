// Builds the Node object and its status as kubelet registers and reports them: default labels
// (hostname, os, arch) under the flags' labels, taints, capacity = allocatable, addresses, nodeInfo.
import type { INode } from 'kubernetes-models/v1/Node';
import type { INodeStatus } from 'kubernetes-models/v1/NodeStatus';
import type { ITaint as Taint } from 'kubernetes-models/v1/Taint';
import type { HostFacts } from './host-facts';
import { NodeCondition } from './node-conditions';
import { CONTAINER_RUNTIME_VERSION, KUBELET_VERSION, NodeSettings } from './node-settings';

// Omit<> makes these mapped types, which (unlike kubernetes-models' interfaces) fit ResourceClient's KubeObject.
export type Node = Omit<INode, 'metadata'> & { metadata: NonNullable<INode['metadata']> };
export type NodeStatus = INodeStatus;

export interface ResourceOverrides {
  cpu?: string;
  memory?: string;
  pods: number;
}

/** Memory in Ki as kubelet writes it (cAdvisor's byte count, floored to KiB). */
export const memoryQuantity = (bytes: number): string => `${Math.floor(bytes / 1024)}Ki`;

export function nodeSettingsFor(
  name: string,
  facts: HostFacts,
  flags: { labels: Record<string, string>; taints: NodeSettings['taints'] } & ResourceOverrides,
): NodeSettings {
  return {
    name,
    labels: flags.labels,
    taints: flags.taints,
    capacity: {
      cpu: flags.cpu ?? String(facts.cpus),
      memory: flags.memory ?? memoryQuantity(facts.memoryBytes),
      pods: String(flags.pods),
    },
    operatingSystem: facts.operatingSystem,
    architecture: facts.architecture,
    kernelVersion: facts.kernelVersion,
    osImage: facts.osImage,
    hostname: facts.hostname,
  };
}

/** The labels kubelet always sets; the flags' labels cannot override them. */
export const nodeLabels = (s: NodeSettings): Record<string, string> => ({
  ...s.labels,
  'kubernetes.io/hostname': s.name,
  'kubernetes.io/os': s.operatingSystem,
  'kubernetes.io/arch': s.architecture,
  'beta.kubernetes.io/os': s.operatingSystem,
  'beta.kubernetes.io/arch': s.architecture,
});

export function nodeStatus(s: NodeSettings, internalIP: string, conditions: NodeCondition[]): NodeStatus {
  return {
    capacity: { ...s.capacity },
    allocatable: { ...s.capacity },
    conditions,
    addresses: [
      { type: 'InternalIP', address: internalIP },
      { type: 'Hostname', address: s.hostname },
    ],
    nodeInfo: {
      machineID: '',
      systemUUID: '',
      bootID: '',
      kernelVersion: s.kernelVersion,
      osImage: s.osImage,
      containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
      kubeletVersion: KUBELET_VERSION,
      kubeProxyVersion: '',
      operatingSystem: s.operatingSystem,
      architecture: s.architecture,
    },
  };
}

export function nodeObject(s: NodeSettings, status: NodeStatus): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: s.name, labels: nodeLabels(s) },
    spec: s.taints.length ? { taints: s.taints.map((t) => ({ ...t }) as Taint) } : {},
    status,
  };
}
