// A FrameworkHandle in small for DefaultPreemption's tests: a snapshot of NodeInfos, a filter that
// checks cpu, memory and pod count against allocatable (counting nominated pods as the real one
// does), pre-filter extensions that count their calls in the cycle state, the fake client, and a
// recorder and nominator that keep what they are given.
import type { Node, Pod } from '@kubenest/api/core/types';
import { KubeObject } from '@kubenest/apimachinery';
import { resources } from '@kubenest/client';
import { FakeResourceClient } from '@kubenest/client/testing';
import type { EventType, InvolvedObject } from '@kubenest/controllers';
import {
  addResources,
  cloneResources,
  CycleState,
  FrameworkHandle,
  newPodInfo,
  NodeInfo,
  PodInfo,
  podRequests,
  StateData,
  Status,
  success,
  unschedulable,
} from '../../framework';
import {
  makeNode as baseNode,
  makePod as basePod,
  nodeInfosOf,
  PodOptions as BasePodOptions,
  snapshotOf,
} from '../../testing';
import { podPriority } from '../../framework/pod-priority';

export const T0 = Date.parse('2026-01-01T00:00:00Z');
/** `minutes` after T0, as a metav1.Time. */
export const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString().replace('.000Z', 'Z');

export interface PodOptions extends Pick<
  BasePodOptions,
  'namespace' | 'nodeName' | 'priority' | 'requests' | 'nominatedNodeName'
> {
  /** Minutes after T0; unset: not started. */
  startedAt?: number;
  preemptionPolicy?: 'Never' | 'PreemptLowerPriority';
  /** Being deleted, by a preemption (with kube's DisruptionTarget condition) or by someone else. */
  deleting?: 'byPreemption' | 'byUser';
}

/** The shared builder's pod, running once on a node, with what preemption looks at besides. */
export const makePod = (name: string, { startedAt, preemptionPolicy, deleting, ...o }: PodOptions = {}): Pod => {
  const pod = basePod(name, {
    ...o,
    deleting: deleting !== undefined,
    ...(preemptionPolicy ? { spec: { preemptionPolicy } } : {}),
  });
  return {
    ...pod,
    status: {
      ...pod.status,
      phase: o.nodeName ? 'Running' : 'Pending',
      ...(startedAt !== undefined ? { startTime: at(startedAt) } : {}),
      ...(deleting === 'byPreemption'
        ? { conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler' }] }
        : {}),
    },
  };
};

/** A node with this allocatable, e.g. { cpu: '4' } (memory 8Gi and 110 pods unless given). */
export const makeNode = (name: string, allocatable: Record<string, string> = {}): Node =>
  baseNode(name, { allocatable: { cpu: '4', memory: '8Gi', pods: '110', ...allocatable } });

/** What the fake pre-filter extensions keep in the cycle state: one line per call. */
export class ExtensionCalls implements StateData {
  static readonly KEY = 'PreFilterFake';
  constructor(readonly calls: string[] = []) {}
  clone(): ExtensionCalls {
    return new ExtensionCalls([...this.calls]);
  }
}

export interface RecordedEvent {
  object: InvolvedObject;
  type: EventType;
  reason: string;
  message: string;
}

export interface FakeHandle extends FrameworkHandle {
  readonly client: FakeResourceClient;
  readonly events: RecordedEvent[];
  /** Every node a dry run filtered, in order. */
  readonly filteredNodes: string[];
  /** Makes the next pre-filter extension call fail with this status. */
  failExtension(status: Status): void;
}

/** As NodeResourcesFit words it, for cpu, memory and the pod count only. */
const resourceFit = (pod: Pod, nodeInfo: NodeInfo, nominated: readonly PodInfo[]): Status => {
  const requested = cloneResources(nodeInfo.requested);
  let podCount = nodeInfo.pods.length + 1;
  for (const n of nominated) {
    if (n.pod.metadata.uid === pod.metadata.uid || podPriority(n.pod) < podPriority(pod)) continue;
    addResources(requested, n.requests);
    podCount++;
  }
  const want = podRequests(pod);
  const free = nodeInfo.allocatable;
  const reasons: string[] = [];
  if (podCount > free.allowedPodNumber) reasons.push('Too many pods');
  if (want.milliCPU > 0 && requested.milliCPU + want.milliCPU > free.milliCPU) reasons.push('Insufficient cpu');
  if (want.memory > 0 && requested.memory + want.memory > free.memory) reasons.push('Insufficient memory');
  return reasons.length ? unschedulable(...reasons) : success();
};

export interface HandleSetup {
  nodes: Node[];
  /** Pods with a nodeName are on that node; pods with only a nominatedNodeName are nominated to it. */
  pods: Pod[];
}

export const newFakeHandle = ({ nodes, pods }: HandleSetup): FakeHandle => {
  const snapshot = snapshotOf(nodeInfosOf(nodes, pods));
  const nominated = new Map<string, PodInfo[]>();
  for (const pod of pods) {
    const nodeName = pod.status?.nominatedNodeName;
    if (pod.spec?.nodeName || !nodeName) continue;
    nominated.set(nodeName, [...(nominated.get(nodeName) ?? []), newPodInfo(pod)]);
  }
  const client = new FakeResourceClient();
  client.seed(resources.pods, ...(pods as KubeObject[]));
  const events: RecordedEvent[] = [];
  const filteredNodes: string[] = [];
  let failure: Status | undefined;
  const extension = (verb: string) => (state: CycleState, _pod: Pod, other: PodInfo, nodeInfo: NodeInfo) => {
    if (failure) {
      const status = failure;
      failure = undefined;
      return status;
    }
    let calls = state.read<ExtensionCalls>(ExtensionCalls.KEY);
    if (!calls) state.write(ExtensionCalls.KEY, (calls = new ExtensionCalls()));
    calls.calls.push(`${verb} ${other.pod.metadata.name} on ${nodeInfo.name}`);
    return success();
  };
  const nominatedPodsForNode = (nodeName: string): readonly PodInfo[] => nominated.get(nodeName) ?? [];
  return {
    client,
    events,
    filteredNodes,
    snapshot: () => snapshot,
    listerFor: () => {
      throw new Error('DefaultPreemption reads no lister');
    },
    recorder: { event: (object, type, reason, message) => events.push({ object, type, reason, message }) },
    nominator: { nominatedPodsForNode },
    runFilterPluginsWithNominatedPods: (_state, pod, nodeInfo) => {
      filteredNodes.push(nodeInfo.name!);
      return resourceFit(pod, nodeInfo, nominatedPodsForNode(nodeInfo.name!));
    },
    runPreFilterExtensionAddPod: extension('add'),
    runPreFilterExtensionRemovePod: extension('remove'),
    failExtension: (status) => {
      failure = status;
    },
  };
};

/** The cycle's filter statuses: every node Unschedulable for lack of cpu unless given otherwise. */
export const filterStatuses = (
  nodes: readonly Node[],
  overrides: Record<string, Status> = {},
): ReadonlyMap<string, Status> =>
  new Map(nodes.map((n) => [n.metadata.name!, overrides[n.metadata.name!] ?? unschedulable('Insufficient cpu')]));
