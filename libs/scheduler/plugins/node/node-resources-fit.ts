// NodeResourcesFit: a pod goes only where the node's allocatable, less what its pods request,
// holds the pod's requests (and one more pod), naming every resource that falls short; nodes
// are scored by the profile's strategy (LeastAllocated unless args say otherwise).
import type { Node, Pod } from '@kubenest/api/core/types';
import type {
  ClusterEventWithHint,
  FilterPlugin,
  PluginFactory,
  PreFilterPlugin,
  PreScorePlugin,
  QueueingHintFn,
  Resources,
  ScorePlugin,
} from '../../framework';
import { NodeInfo } from '../../framework/node-info';
import { podRequests } from '../../framework/resources';
import { success, unschedulable } from '../../framework/status';
import { CycleValue } from './cycle-value';
import { NODE_RESOURCES_FIT, NodeResourcesFitArgs, scoringAllocation } from './node-resources-fit-args';
import { allocationScore, podRequestList } from './resource-allocation';
import { amountOf, isExtendedResourceName } from './resource-names';
import { requestsSignature } from './pod-signature';

export { NODE_RESOURCES_FIT };
export type { NodeResourcesFitArgs };

const PRE_FILTER_KEY = `PreFilter${NODE_RESOURCES_FIT}`;
const PRE_SCORE_KEY = `PreScore${NODE_RESOURCES_FIT}`;

export interface IgnoredResources {
  /** Extended resources by name (args.ignoredResources). */
  resources: ReadonlySet<string>;
  /** Extended resources by domain, the part before the `/` (args.ignoredResourceGroups). */
  groups: ReadonlySet<string>;
}

const NO_REASONS: readonly string[] = [];

const NONE_IGNORED: IgnoredResources = { resources: new Set(), groups: new Set() };

/** Why the node cannot hold the pod, one reason per resource short, in kube's order. */
export const insufficientResources = (
  request: Resources,
  nodeInfo: NodeInfo,
  ignored: IgnoredResources = NONE_IGNORED,
): readonly string[] => {
  const { allocatable, requested } = nodeInfo;
  // Most nodes fit: say so from the numbers alone, without building the list of reasons.
  if (
    request.scalar.size === 0 &&
    nodeInfo.pods.length + 1 <= allocatable.allowedPodNumber &&
    (request.milliCPU <= 0 || request.milliCPU <= allocatable.milliCPU - requested.milliCPU) &&
    (request.memory <= 0 || request.memory <= allocatable.memory - requested.memory) &&
    (request.ephemeralStorage <= 0 ||
      request.ephemeralStorage <= allocatable.ephemeralStorage - requested.ephemeralStorage)
  )
    return NO_REASONS;
  const reasons: string[] = [];
  if (nodeInfo.pods.length + 1 > allocatable.allowedPodNumber) reasons.push('Too many pods');
  const short = (want: number, name: string): boolean =>
    want > 0 && want > amountOf(allocatable, name) - amountOf(requested, name);
  if (short(request.milliCPU, 'cpu')) reasons.push('Insufficient cpu');
  if (short(request.memory, 'memory')) reasons.push('Insufficient memory');
  if (short(request.ephemeralStorage, 'ephemeral-storage')) reasons.push('Insufficient ephemeral-storage');
  for (const [name, want] of request.scalar) {
    if (isExtendedResourceName(name) && (ignored.resources.has(name) || ignored.groups.has(name.split('/')[0])))
      continue;
    if (short(want, name)) reasons.push(`Insufficient ${name}`);
  }
  return reasons;
};

const allocatableOf = (node: Node): NodeInfo => new NodeInfo(node);

/** Whether the node's allocatable gained something the pod asks for. */
const requestedResourceGrew = (pod: Pod, before: Node, after: Node): boolean => {
  const want = podRequests(pod);
  const [a, b] = [allocatableOf(before).allocatable, allocatableOf(after).allocatable];
  if (b.allowedPodNumber > a.allowedPodNumber) return true;
  const names = ['cpu', 'memory', 'ephemeral-storage', ...want.scalar.keys()];
  return names.some((n) => amountOf(want, n) > 0 && amountOf(b, n) > amountOf(a, n));
};

/** Whether an assigned pod scaled down something the pod asks for. */
const scaledDownSomethingWanted = (pod: Pod, before: Pod, after: Pod): boolean => {
  const want = podRequests(pod);
  const [a, b] = [podRequests(before), podRequests(after)];
  const names = ['cpu', 'memory', 'ephemeral-storage', ...want.scalar.keys()];
  return names.some((n) => amountOf(want, n) > 0 && amountOf(b, n) < amountOf(a, n));
};

type Fit = PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin;

export const newNodeResourcesFit: PluginFactory = (rawArgs) => {
  const args = (rawArgs ?? {}) as NodeResourcesFitArgs;
  const ignored = {
    resources: new Set(args.ignoredResources ?? []),
    groups: new Set(args.ignoredResourceGroups ?? []),
  };
  const allocation = scoringAllocation(args);

  const fitsEmptyNode = (pod: Pod, node: Node): boolean =>
    insufficientResources(podRequests(pod), allocatableOf(node), ignored).length === 0;

  const schedulableAfterNodeChange: QueueingHintFn = (pod, oldObj, newObj) => {
    const node = newObj as Node | undefined;
    if (!node || !fitsEmptyNode(pod, node)) return 'Skip';
    return !oldObj || requestedResourceGrew(pod, oldObj as Node, node) ? 'Queue' : 'Skip';
  };
  // A deleted pod frees room only if it held some: bound, or nominated by a preemption.
  const schedulableAfterPodDeleted: QueueingHintFn = (_pod, oldObj) => {
    const deleted = oldObj as Pod | undefined;
    return deleted?.spec?.nodeName || deleted?.status?.nominatedNodeName ? 'Queue' : 'Skip';
  };
  const schedulableAfterPodScaleDown: QueueingHintFn = (pod, oldObj, newObj) => {
    const [before, after] = [oldObj as Pod | undefined, newObj as Pod | undefined];
    if (!after) return 'Skip';
    if (after.metadata.uid === pod.metadata.uid) return 'Queue';
    if (!before || !after.spec?.nodeName) return 'Skip';
    return scaledDownSomethingWanted(pod, before, after) ? 'Queue' : 'Skip';
  };

  const plugin: Fit = {
    name: NODE_RESOURCES_FIT,
    signPod: requestsSignature,
    preFilter: (state, pod) => {
      state.write(PRE_FILTER_KEY, new CycleValue(podRequests(pod)));
      return { status: success() };
    },
    filter: (state, pod, nodeInfo) => {
      const request = state.read<CycleValue<Resources>>(PRE_FILTER_KEY)?.value ?? podRequests(pod);
      const reasons = insufficientResources(request, nodeInfo, ignored);
      return reasons.length ? unschedulable(...reasons) : success();
    },
    preScore: (state, pod) => {
      state.write(PRE_SCORE_KEY, new CycleValue(podRequestList(allocation, pod)));
      return success();
    },
    score: (state, pod, nodeInfo) => {
      const request = state.read<CycleValue<number[]>>(PRE_SCORE_KEY)?.value ?? podRequestList(allocation, pod);
      return allocationScore(allocation, nodeInfo, request);
    },
    eventsToRegister: (): ClusterEventWithHint[] => [
      { event: { resource: 'Pod', action: 'Delete' }, hint: schedulableAfterPodDeleted },
      { event: { resource: 'Pod', action: 'UpdatePodScaleDown' }, hint: schedulableAfterPodScaleDown },
      { event: { resource: 'Node', action: 'Add' }, hint: schedulableAfterNodeChange },
      { event: { resource: 'Node', action: 'UpdateNodeAllocatable' }, hint: schedulableAfterNodeChange },
    ],
  };
  return plugin;
};
