// The extension points a scheduling plugin may implement, as kube-scheduler's framework (in
// small): pre-filter and filter decide where a pod may go, post-filter (preemption) runs when it
// fits nowhere, pre-score and score rank the feasible nodes, reserve/unreserve keep plugin state
// in step with the assumed pod, bind writes the decision. A plugin is an object with a name and
// the hooks it implements, built by a factory from its args and the framework's handle.
import type { Pod } from '@kubenest/api/core/types';
import type { KubeObject } from '@kubenest/apimachinery';
import type { ResourceClient, ResourceRef } from '@kubenest/client';
import type { EventRecorder, Lister } from '@kubenest/controllers';
import type { ClusterEventWithHint } from './cluster-event';
import type { CycleState } from './cycle-state';
import type { NodeInfo } from './node-info';
import type { PodInfo } from './pod-info';
import type { Snapshot } from './snapshot';
import type { Status } from './status';

export interface Plugin {
  readonly name: string;
  /** The cluster events after which a pod this plugin rejected is worth trying again. */
  eventsToRegister?(): ClusterEventWithHint[];
  /**
   * Implemented only by a node-local plugin: one whose filter status and raw score depend on
   * nothing but the NodeInfo and the fields of the pod this string captures (its pre-filter and
   * pre-score state included). The framework then reuses its answers across pods of the same
   * signature on nodes whose generation has not moved. undefined: this pod cannot be signed.
   */
  signPod?(pod: Pod): string | undefined;
}

/** A pod waiting in the scheduling queue, as the queue-sort plugin compares them. */
export interface QueuedPod {
  readonly pod: Pod;
  /** When it last entered the queue (ms). */
  readonly timestamp: number;
}

/** Orders the active queue (PrioritySort); a profile has exactly one. */
export interface QueueSortPlugin extends Plugin {
  less(a: QueuedPod, b: QueuedPod): boolean;
}

/** Keeps a pod out of the active queue while it answers Pending (SchedulingGates). */
export interface PreEnqueuePlugin extends Plugin {
  preEnqueue(pod: Pod): Status;
}

export interface PreFilterResult {
  /** Only these nodes need filtering (e.g. the one a node-name affinity names); all when unset. */
  nodeNames?: ReadonlySet<string>;
}

export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): { status: Status; result?: PreFilterResult };
  /** Keeps the pre-filter state true when preemption adds a pod to a node in a what-if. */
  addPod?(state: CycleState, podToSchedule: Pod, podToAdd: PodInfo, nodeInfo: NodeInfo): Status;
  /** Keeps the pre-filter state true when preemption removes a victim in a what-if. */
  removePod?(state: CycleState, podToSchedule: Pod, podToRemove: PodInfo, nodeInfo: NodeInfo): Status;
}

export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status;
}

/** Why each node was turned down in this cycle, by node name. */
export type NodeToStatus = ReadonlyMap<string, Status>;

export interface PostFilterResult {
  status: Status;
  /**
   * The node the pod may go to once its victims are gone (status.nominatedNodeName); '' clears a
   * nomination the pod holds (no node helps); unset leaves it as it is.
   */
  nominatedNodeName?: string;
}

export interface PostFilterPlugin extends Plugin {
  postFilter(state: CycleState, pod: Pod, filtered: NodeToStatus): Promise<PostFilterResult>;
}

export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status;
}

export interface NodeScore {
  name: string;
  score: number;
}

/** Scores range from 0 to 100 once normalised (kube's MaxNodeScore). */
export const MAX_NODE_SCORE = 100;

export interface ScorePlugin extends Plugin {
  /** A raw score; throw to fail the cycle. */
  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number;
  /** Brings the raw scores into 0..MAX_NODE_SCORE, in place. */
  normalizeScore?(state: CycleState, pod: Pod, scores: NodeScore[]): void;
}

export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, pod: Pod, nodeName: string): Status;
  unreserve(state: CycleState, pod: Pod, nodeName: string): void;
}

export interface BindPlugin extends Plugin {
  /** Skip: leave the pod to the next bind plugin. */
  bind(state: CycleState, pod: Pod, nodeName: string): Promise<Status>;
}

/** Pods nominated to nodes by preemption, which lower-priority pods must leave room for. */
export interface Nominator {
  nominatedPodsForNode(nodeName: string): readonly PodInfo[];
}

/** What a plugin may use besides the pod and the node it is asked about. */
export interface FrameworkHandle {
  /** The snapshot of the cycle running now. */
  snapshot(): Snapshot;
  /** The API as the scheduler (system:kube-scheduler). */
  readonly client: ResourceClient;
  /** A shared informer's lister (namespaces, services, replica sets, ...), synced before scheduling starts. */
  listerFor<T extends KubeObject = KubeObject>(resource: string | ResourceRef): Lister<T>;
  readonly recorder: EventRecorder;
  readonly nominator: Nominator;
  /**
   * Runs the profile's filters for a pod on a node as they would run in a cycle, counting the
   * pods nominated to that node with priority at least the pod's (preemption's what-ifs).
   */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status;
  /** Runs every pre-filter plugin's addPod / removePod for a what-if change to a node. */
  runPreFilterExtensionAddPod(state: CycleState, podToSchedule: Pod, podToAdd: PodInfo, nodeInfo: NodeInfo): Status;
  runPreFilterExtensionRemovePod(
    state: CycleState,
    podToSchedule: Pod,
    podToRemove: PodInfo,
    nodeInfo: NodeInfo,
  ): Status;
}

/** Builds a plugin from its args (from the KubeSchedulerConfiguration) and the handle. */
export type PluginFactory = (args: Record<string, unknown> | undefined, handle: FrameworkHandle) => Plugin;

export const isQueueSort = (p: Plugin): p is QueueSortPlugin => 'less' in p;
export const isPreEnqueue = (p: Plugin): p is PreEnqueuePlugin => 'preEnqueue' in p;
export const isPreFilter = (p: Plugin): p is PreFilterPlugin => 'preFilter' in p;
export const isFilter = (p: Plugin): p is FilterPlugin => 'filter' in p;
export const isPostFilter = (p: Plugin): p is PostFilterPlugin => 'postFilter' in p;
export const isPreScore = (p: Plugin): p is PreScorePlugin => 'preScore' in p;
export const isScore = (p: Plugin): p is ScorePlugin => 'score' in p;
export const isReserve = (p: Plugin): p is ReservePlugin => 'reserve' in p;
export const isBind = (p: Plugin): p is BindPlugin => 'bind' in p;
