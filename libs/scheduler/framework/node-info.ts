// What the scheduler knows of one node, kept up to date from events rather than recomputed per
// pod, as kube-scheduler's framework.NodeInfo: the node, its pods (and those with affinity terms),
// the sum of their requests, the host ports they hold. Every change takes a new generation so a
// snapshot copies only the nodes that changed since the last cycle.
import type { Node, Pod } from '@kubenest/api/core/types';
import { HostPortInfo } from './host-ports';
import { hasAffinity, PodInfo } from './pod-info';
import { addResources, cloneResources, emptyResources, nodeAllocatable, Resources } from './resources';

let lastGeneration = 0;
export const nextGeneration = (): number => ++lastGeneration;

export class NodeInfo {
  node?: Node;
  pods: PodInfo[] = [];
  podsWithAffinity: PodInfo[] = [];
  podsWithRequiredAntiAffinity: PodInfo[] = [];
  usedPorts = new HostPortInfo();
  requested: Resources = emptyResources();
  nonZeroRequested: Resources = emptyResources();
  allocatable: Resources = emptyResources();
  generation = nextGeneration();

  constructor(node?: Node) {
    if (node) this.setNode(node);
  }

  /** The node's name; pods may be known before their node is (then it is undefined). */
  get name(): string | undefined {
    return this.node?.metadata.name;
  }

  setNode(node: Node): void {
    this.node = node;
    this.allocatable = nodeAllocatable(node);
    this.generation = nextGeneration();
  }

  removeNode(): void {
    this.node = undefined;
    this.generation = nextGeneration();
  }

  addPod(info: PodInfo): void {
    this.pods.push(info);
    if (hasAffinity(info)) this.podsWithAffinity.push(info);
    if (info.requiredAntiAffinityTerms.length) this.podsWithRequiredAntiAffinity.push(info);
    addResources(this.requested, info.requests);
    addResources(this.nonZeroRequested, info.nonZeroRequests);
    for (const port of info.hostPorts) this.usedPorts.add(port);
    this.generation = nextGeneration();
  }

  /** Removes the pod with this pod's UID; false when it was not here. */
  removePod(pod: Pod): boolean {
    const uid = pod.metadata.uid;
    const index = this.pods.findIndex((p) => p.pod.metadata.uid === uid);
    if (index < 0) return false;
    const [info] = this.pods.splice(index, 1);
    const drop = (list: PodInfo[]): void => {
      const i = list.indexOf(info);
      if (i >= 0) list.splice(i, 1);
    };
    drop(this.podsWithAffinity);
    drop(this.podsWithRequiredAntiAffinity);
    addResources(this.requested, info.requests, -1);
    addResources(this.nonZeroRequested, info.nonZeroRequests, -1);
    for (const port of info.hostPorts) this.usedPorts.remove(port);
    this.generation = nextGeneration();
    return true;
  }

  /** A copy a cycle (or preemption's what-if) may change without touching the cache. */
  clone(): NodeInfo {
    const copy = new NodeInfo();
    copy.node = this.node;
    copy.pods = [...this.pods];
    copy.podsWithAffinity = [...this.podsWithAffinity];
    copy.podsWithRequiredAntiAffinity = [...this.podsWithRequiredAntiAffinity];
    copy.usedPorts = this.usedPorts.clone();
    copy.requested = cloneResources(this.requested);
    copy.nonZeroRequested = cloneResources(this.nonZeroRequested);
    copy.allocatable = cloneResources(this.allocatable);
    copy.generation = this.generation;
    return copy;
  }
}
