// What the resource scoring plugins share, as kube's resourceAllocationScorer: for each scored
// resource the node's allocatable and what the node would hold with the pod, handed to a
// strategy that turns them into a 0..100 score. A scalar resource the pod does not ask for,
// or one the node does not have, is left out of the score.
import type { Pod } from '@kubenest/api/core/types';
import { NodeInfo } from '../../framework/node-info';
import { CPU, EPHEMERAL_STORAGE, MEMORY, podRequests } from '../../framework/resources';
import { amountOf, isScalarResourceName } from './resource-names';

export interface ResourceSpec {
  name: string;
  weight: number;
}

export const DEFAULT_SCORED_RESOURCES: readonly ResourceSpec[] = [
  { name: CPU, weight: 1 },
  { name: MEMORY, weight: 1 },
];

/** The specs with an unset or zero weight taken as 1, as kube defaults them. */
export const withDefaultWeights = (specs: ReadonlyArray<Partial<ResourceSpec> & { name: string }>): ResourceSpec[] =>
  specs.map((r) => ({ name: r.name, weight: r.weight || 1 }));

/** Per resource (in the order of the specs): what the node would hold and what it has; 0/0 leaves it out. */
export type AllocationScorer = (requested: readonly number[], allocatable: readonly number[]) => number;

export interface ResourceAllocation {
  resources: readonly ResourceSpec[];
  /**
   * true: count requests as they are (BalancedAllocation); false: count containers without a
   * cpu or memory request as 100m / 200Mi (the NodeResourcesFit strategies).
   */
  useRequested: boolean;
  scorer: AllocationScorer;
}

/** The pod's request for each scored resource. */
export const podRequestList = (allocation: ResourceAllocation, pod: Pod): number[] => {
  const requests = podRequests(pod, !allocation.useRequested);
  return allocation.resources.map((r) => amountOf(requests, r.name));
};

const allocatableAndRequested = (
  allocation: ResourceAllocation,
  nodeInfo: NodeInfo,
  name: string,
  podRequest: number,
): [number, number] => {
  const requested = allocation.useRequested ? nodeInfo.requested : nodeInfo.nonZeroRequested;
  if (podRequest === 0 && isScalarResourceName(name)) return [0, 0];
  switch (name) {
    case CPU:
    case MEMORY:
      return [amountOf(nodeInfo.allocatable, name), amountOf(requested, name) + podRequest];
    case EPHEMERAL_STORAGE:
      return [nodeInfo.allocatable.ephemeralStorage, nodeInfo.requested.ephemeralStorage + podRequest];
    default:
      if (!nodeInfo.allocatable.scalar.has(name)) return [0, 0];
      return [amountOf(nodeInfo.allocatable, name), amountOf(nodeInfo.requested, name) + podRequest];
  }
};

export const allocationScore = (allocation: ResourceAllocation, nodeInfo: NodeInfo, podRequest: readonly number[]) => {
  const requested: number[] = [];
  const allocatable: number[] = [];
  allocation.resources.forEach((r, i) => {
    const [alloc, req] = allocatableAndRequested(allocation, nodeInfo, r.name, podRequest[i]);
    allocatable.push(alloc);
    requested.push(alloc === 0 ? 0 : req);
  });
  return allocation.scorer(requested, allocatable);
};
