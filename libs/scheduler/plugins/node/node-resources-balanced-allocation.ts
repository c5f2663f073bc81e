// NodeResourcesBalancedAllocation: prefers the node whose resources (cpu and memory unless args
// name others) would be used in the most even shares once the pod is there. A pod asking for
// none of them is not scored at all, lest every such pod pile onto one node (kube #129138).
import type { PluginFactory, PreScorePlugin, ScorePlugin } from '../../framework';
import { skip, success } from '../../framework/status';
import {
  allocationScore,
  DEFAULT_SCORED_RESOURCES,
  podRequestList,
  ResourceAllocation,
  ResourceSpec,
  withDefaultWeights,
} from './resource-allocation';
import { CycleValue } from './cycle-value';
import { balancedAllocation } from './scoring-strategies';
import { requestsSignature } from './pod-signature';

export const NODE_RESOURCES_BALANCED_ALLOCATION = 'NodeResourcesBalancedAllocation';
const PRE_SCORE_KEY = `PreScore${NODE_RESOURCES_BALANCED_ALLOCATION}`;

/** kubescheduler.config.k8s.io/v1 NodeResourcesBalancedAllocationArgs. */
export interface NodeResourcesBalancedAllocationArgs {
  resources?: Array<Partial<ResourceSpec> & { name: string }>;
}

export const newNodeResourcesBalancedAllocation: PluginFactory = (rawArgs): PreScorePlugin & ScorePlugin => {
  const args = (rawArgs ?? {}) as NodeResourcesBalancedAllocationArgs;
  const allocation: ResourceAllocation = {
    resources: withDefaultWeights(args.resources?.length ? args.resources : DEFAULT_SCORED_RESOURCES),
    useRequested: true,
    scorer: balancedAllocation,
  };
  const bestEffort = (requests: readonly number[]): boolean => requests.every((r) => r === 0);
  return {
    name: NODE_RESOURCES_BALANCED_ALLOCATION,
    signPod: requestsSignature,
    preScore: (state, pod) => {
      const requests = podRequestList(allocation, pod);
      if (bestEffort(requests)) return skip();
      state.write(PRE_SCORE_KEY, new CycleValue(requests));
      return success();
    },
    score: (state, pod, nodeInfo) => {
      const requests = state.read<CycleValue<number[]>>(PRE_SCORE_KEY)?.value ?? podRequestList(allocation, pod);
      return bestEffort(requests) ? 0 : allocationScore(allocation, nodeInfo, requests);
    },
  };
};
