// One profile's plugins, run at each extension point in kube-scheduler's order and with its
// rules (a pre-filter Skip skips that plugin's filter, a filter stops at the first rejection,
// scores are normalised then weighted, unreserve runs in reverse, the first bind plugin that does
// not Skip binds); also the FrameworkHandle its plugins are given.
import type { Pod } from '@kubenest/api/core/types';
import type { KubeObject } from '@kubenest/apimachinery';
import type { ResourceClient, ResourceRef } from '@kubenest/client';
import type { EventRecorder, Lister } from '@kubenest/controllers';
import type { ClusterEventWithHint } from '../framework/cluster-event';
import { CycleState } from '../framework/cycle-state';
import { NodeInfo } from '../framework/node-info';
import { NodeLocalMemo, SignatureAnswers } from '../framework/node-local-memo';
import {
  type BindPlugin,
  type FilterPlugin,
  type FrameworkHandle,
  isBind,
  isFilter,
  isPostFilter,
  isPreEnqueue,
  isPreFilter,
  isPreScore,
  isQueueSort,
  isReserve,
  isScore,
  MAX_NODE_SCORE,
  type NodeScore,
  type NodeToStatus,
  type Nominator,
  type Plugin,
  type PluginFactory,
  type PostFilterPlugin,
  type PostFilterResult,
  type PreEnqueuePlugin,
  type PreFilterPlugin,
  type PreFilterResult,
  type PreScorePlugin,
  type QueueSortPlugin,
  type ReservePlugin,
  type ScorePlugin,
} from '../framework/plugin';
import type { PodInfo } from '../framework/pod-info';
import { podPriority } from '../framework/pod-priority';
import type { Snapshot } from '../framework/snapshot';
import {
  errorStatus,
  isSuccess,
  type Status,
  success,
  unresolvable,
  unschedulable,
  withPlugin,
} from '../framework/status';
import { ExtensionPoint, Profile, WeightedPlugin } from './profile';

export interface FrameworkDeps {
  client: ResourceClient;
  recorder: EventRecorder;
  nominator: Nominator;
  listerFor: <T extends KubeObject = KubeObject>(resource: string | ResourceRef) => Lister<T>;
  /** The snapshot of the cycle running now. */
  snapshot: () => Snapshot;
}

const IMPLEMENTS: Record<ExtensionPoint, (p: Plugin) => boolean> = {
  queueSort: isQueueSort,
  preEnqueue: isPreEnqueue,
  preFilter: isPreFilter,
  filter: isFilter,
  postFilter: isPostFilter,
  preScore: isPreScore,
  score: isScore,
  reserve: isReserve,
  bind: isBind,
};

export interface ScoredPlugin {
  plugin: ScorePlugin;
  weight: number;
}

export interface PreFilterOutcome {
  status: Status;
  result?: PreFilterResult;
  /** The plugins that rejected the pod or narrowed its nodes. */
  rejectors: Set<string>;
}

/** Pod signatures whose node-local answers are kept: enough for the few shapes of a workload's pods. */
const MEMO_SIGNATURES = 16;

/** Runs a hook, turning a throw into an Error status. */
const guarded = (name: string, fn: () => Status): Status => {
  try {
    return withPlugin(fn(), name);
  } catch (error) {
    return withPlugin(errorStatus(error as Error), name);
  }
};

export class Framework implements FrameworkHandle {
  readonly schedulerName: string;
  readonly percentageOfNodesToScore?: number;
  readonly queueSort?: QueueSortPlugin;
  readonly preEnqueuePlugins: PreEnqueuePlugin[];
  readonly preFilterPlugins: PreFilterPlugin[];
  readonly filterPlugins: FilterPlugin[];
  readonly postFilterPlugins: PostFilterPlugin[];
  readonly preScorePlugins: PreScorePlugin[];
  readonly scorePlugins: ScoredPlugin[];
  readonly reservePlugins: ReservePlugin[];
  readonly bindPlugins: BindPlugin[];
  /** The events each plugin registered (undefined: it registered none, so every event counts). */
  readonly pluginEvents = new Map<string, ClusterEventWithHint[] | undefined>();
  /** Per filter plugin (by index): whether it is node-local, so its answers are memoised. */
  private readonly filterSigned: boolean[];
  /** Per score plugin (by index): whether it is node-local, so its raw scores are memoised. */
  private readonly scoreSigned: boolean[];
  /** The node-local filter and score plugins, each once: together they sign a pod. */
  private readonly signers: Plugin[];
  private readonly memo: NodeLocalMemo;
  /** The filter plugins (by index) not skipped by the skip set last seen, and that set with its size then. */
  private runningFilters: number[] = [];
  private runningFiltersSkipped?: ReadonlySet<string>;
  private runningFiltersSkippedSize = -1;

  constructor(
    profile: Profile,
    registry: Readonly<Record<string, PluginFactory>>,
    private readonly deps: FrameworkDeps,
  ) {
    this.schedulerName = profile.schedulerName;
    this.percentageOfNodesToScore = profile.percentageOfNodesToScore;
    const instances = new Map<string, Plugin>();
    const instance = (name: string): Plugin => {
      let plugin = instances.get(name);
      if (!plugin) {
        const factory = registry[name];
        if (!factory)
          throw new Error(`profile ${profile.schedulerName}: plugin ${JSON.stringify(name)} does not exist`);
        plugin = factory(profile.pluginConfig[name], this);
        instances.set(name, plugin);
        this.pluginEvents.set(name, plugin.eventsToRegister?.());
      }
      return plugin;
    };
    const at = (point: ExtensionPoint): { plugin: Plugin; weight: number }[] =>
      resolvePoint(profile, point, (name) => IMPLEMENTS[point](instance(name))).map((p) => ({
        plugin: instance(p.name),
        weight: p.weight,
      }));
    const plugins = <T extends Plugin>(point: ExtensionPoint) => at(point).map((p) => p.plugin as T);
    const sorts = plugins<QueueSortPlugin>('queueSort');
    if (sorts.length > 1) throw new Error(`profile ${profile.schedulerName}: only one queueSort plugin may be enabled`);
    this.queueSort = sorts[0];
    this.preEnqueuePlugins = plugins('preEnqueue');
    this.preFilterPlugins = plugins('preFilter');
    this.filterPlugins = plugins('filter');
    this.postFilterPlugins = plugins('postFilter');
    this.preScorePlugins = plugins('preScore');
    this.scorePlugins = at('score').map((p) => ({ plugin: p.plugin as ScorePlugin, weight: p.weight }));
    this.reservePlugins = plugins('reserve');
    this.bindPlugins = plugins('bind');
    if (!this.bindPlugins.length)
      throw new Error(`profile ${profile.schedulerName}: at least one bind plugin is needed`);
    this.filterSigned = this.filterPlugins.map((p) => !!p.signPod);
    this.scoreSigned = this.scorePlugins.map((p) => !!p.plugin.signPod);
    this.signers = [...new Set<Plugin>([...this.filterPlugins, ...this.scorePlugins.map((p) => p.plugin)])].filter(
      (p) => p.signPod,
    );
    this.memo = new NodeLocalMemo(MEMO_SIGNATURES, this.filterPlugins.length, this.scorePlugins.length);
  }

  get client(): ResourceClient {
    return this.deps.client;
  }

  get recorder(): EventRecorder {
    return this.deps.recorder;
  }

  get nominator(): Nominator {
    return this.deps.nominator;
  }

  snapshot(): Snapshot {
    return this.deps.snapshot();
  }

  listerFor<T extends KubeObject = KubeObject>(resource: string | ResourceRef): Lister<T> {
    return this.deps.listerFor<T>(resource);
  }

  runPreEnqueuePlugins(pod: Pod): Status {
    for (const p of this.preEnqueuePlugins) {
      const status = guarded(p.name, () => p.preEnqueue(pod));
      if (!isSuccess(status)) return status;
    }
    return success();
  }

  /** As kube's RunPreFilterPlugins: a Skip skips that plugin's filter; node sets narrow by intersection. */
  runPreFilterPlugins(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): PreFilterOutcome {
    state.nodeLocalAnswers = this.nodeLocalAnswers(pod);
    const rejectors = new Set<string>();
    let nodeNames: Set<string> | undefined;
    const narrowedBy: string[] = [];
    for (const p of this.preFilterPlugins) {
      let result: PreFilterResult | undefined;
      const status = guarded(p.name, () => {
        const out = p.preFilter(state, pod, nodes);
        result = out.result;
        return out.status;
      });
      if (status.code === 'Skip') {
        state.skipFilterPlugins.add(p.name);
        continue;
      }
      if (!isSuccess(status)) {
        if (status.code !== 'Error') rejectors.add(p.name);
        return { status, rejectors };
      }
      if (!result?.nodeNames) continue;
      nodeNames = nodeNames
        ? new Set([...nodeNames].filter((n) => result!.nodeNames!.has(n)))
        : new Set(result.nodeNames);
      narrowedBy.push(p.name);
      if (nodeNames.size === 0) {
        for (const name of narrowedBy) rejectors.add(name);
        const message =
          narrowedBy.length === 1
            ? `node(s) didn't satisfy plugin ${narrowedBy[0]}`
            : `node(s) didn't satisfy plugin(s) [${[...narrowedBy].sort().join(' ')}] simultaneously`;
        return { status: withPlugin(unresolvable(message), narrowedBy[0]), rejectors };
      }
    }
    return { status: success(), result: nodeNames ? { nodeNames } : undefined, rejectors: new Set(narrowedBy) };
  }

  /** As kube's RunFilterPlugins: the first plugin that does not answer Success decides. */
  runFilterPlugins(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
    // The hottest loop of a cycle (plugins × nodes): no closure per call.
    const memo = state.nodeLocalAnswers?.forNode(nodeInfo).filter;
    const plugins = this.filterPlugins;
    for (const i of this.filtersToRun(state.skipFilterPlugins)) {
      const p = plugins[i];
      const signed = memo !== undefined && this.filterSigned[i];
      let status = signed ? memo[i] : undefined;
      if (status === undefined) {
        try {
          status = p.filter(state, pod, nodeInfo);
        } catch (error) {
          return withPlugin(errorStatus(error as Error), p.name);
        }
        if (status.code !== 'Success') status = withPlugin(status, p.name);
        if (signed && status.code !== 'Error') memo[i] = status;
      }
      if (status.code !== 'Success') return status;
    }
    return success();
  }

  /**
   * As kube: the filters run once with the pods nominated to the node (of at least the pod's
   * priority) counted on it, and, if that passes, once more without them, since a nominated pod
   * may never land there (an anti-affinity term that only holds with it must not count).
   */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
    const withNominated = this.addNominatedPods(state, pod, nodeInfo);
    if (!withNominated) return this.runFilterPlugins(state, pod, nodeInfo);
    if (withNominated.error) return withNominated.error;
    const first = this.runFilterPlugins(withNominated.state, pod, withNominated.nodeInfo);
    if (!isSuccess(first)) return first;
    return this.runFilterPlugins(state, pod, nodeInfo);
  }

  runPreFilterExtensionAddPod(state: CycleState, podToSchedule: Pod, podToAdd: PodInfo, nodeInfo: NodeInfo): Status {
    return this.runPreFilterExtension('addPod', 'AddPod', state, podToSchedule, podToAdd, nodeInfo);
  }

  runPreFilterExtensionRemovePod(
    state: CycleState,
    podToSchedule: Pod,
    podToRemove: PodInfo,
    nodeInfo: NodeInfo,
  ): Status {
    return this.runPreFilterExtension('removePod', 'RemovePod', state, podToSchedule, podToRemove, nodeInfo);
  }

  private runPreFilterExtension(
    extension: 'addPod' | 'removePod',
    label: string,
    state: CycleState,
    podToSchedule: Pod,
    podInfo: PodInfo,
    nodeInfo: NodeInfo,
  ): Status {
    for (const p of this.preFilterPlugins) {
      if (!p[extension] || state.skipFilterPlugins.has(p.name)) continue;
      const status = guarded(p.name, () => p[extension]!(state, podToSchedule, podInfo, nodeInfo));
      if (!isSuccess(status))
        return withPlugin(
          errorStatus(`running ${label} on PreFilter plugin ${p.name}: ${status.reasons.join(', ')}`),
          p.name,
        );
    }
    return success();
  }

  /** As kube's RunPostFilterPlugins: the first success or unresolvable answer wins, else the rejections' reasons. */
  async runPostFilterPlugins(state: CycleState, pod: Pod, filtered: NodeToStatus): Promise<PostFilterResult> {
    let nominated: string | undefined;
    const reasons: string[] = [];
    let rejector: string | undefined;
    for (const p of this.postFilterPlugins) {
      let result: PostFilterResult;
      try {
        result = await p.postFilter(state, pod, filtered);
      } catch (error) {
        return { status: withPlugin(errorStatus(error as Error), p.name) };
      }
      const status = withPlugin(result.status, p.name);
      if (isSuccess(status) || status.code === 'UnschedulableAndUnresolvable' || status.code === 'Error')
        return { ...result, status };
      nominated = result.nominatedNodeName ?? nominated;
      reasons.push(...status.reasons);
      rejector ??= p.name;
    }
    return { status: withPlugin(unschedulable(...reasons), rejector ?? ''), nominatedNodeName: nominated };
  }

  runPreScorePlugins(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status {
    for (const p of this.preScorePlugins) {
      const status = guarded(p.name, () => p.preScore(state, pod, nodes));
      if (status.code === 'Skip') state.skipScorePlugins.add(p.name);
      else if (!isSuccess(status)) return status;
    }
    return success();
  }

  /** Each plugin's scores, normalised to 0..100 and weighted, summed per node (in the nodes' order). */
  runScorePlugins(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): NodeScore[] {
    // Once per node, not per plugin and node: the totals, the scratch scores a normalising plugin
    // fills (then normalises in place) and the node's memoised answers.
    const count = nodes.length;
    const totals: NodeScore[] = new Array<NodeScore>(count);
    for (let n = 0; n < count; n++) totals[n] = { name: nodes[n].name!, score: 0 };
    let scores: NodeScore[] | undefined;
    const memo = state.nodeLocalAnswers;
    const memos = memo && nodes.map((n) => memo.forNode(n).score);
    for (let i = 0; i < this.scorePlugins.length; i++) {
      const { plugin, weight } = this.scorePlugins[i];
      if (state.skipScorePlugins.has(plugin.name)) continue;
      const signed = memos !== undefined && this.scoreSigned[i];
      const rawScore = (n: number): number => {
        let raw = signed ? memos[n][i] : NaN;
        if (Number.isNaN(raw)) {
          raw = plugin.score(state, pod, nodes[n]);
          if (signed) memos[n][i] = raw;
        }
        return raw;
      };
      const add = (n: number, score: number): void => {
        if (!(score >= 0 && score <= MAX_NODE_SCORE))
          throw new Error(
            `plugin ${plugin.name} returns an invalid score ${score}, it should in the range of [0, ${MAX_NODE_SCORE}] after normalizing`,
          );
        totals[n].score += score * weight;
      };
      if (!plugin.normalizeScore) {
        for (let n = 0; n < count; n++) add(n, rawScore(n));
        continue;
      }
      scores ??= totals.map((t) => ({ name: t.name, score: 0 }));
      for (let n = 0; n < count; n++) scores[n].score = rawScore(n);
      plugin.normalizeScore(state, pod, scores);
      for (let n = 0; n < count; n++) add(n, scores[n].score);
    }
    return totals;
  }

  runReservePluginsReserve(state: CycleState, pod: Pod, nodeName: string): Status {
    for (const p of this.reservePlugins) {
      const status = guarded(p.name, () => p.reserve(state, pod, nodeName));
      if (!isSuccess(status))
        return withPlugin(
          errorStatus(`running Reserve plugin ${JSON.stringify(p.name)}: ${status.reasons.join(', ')}`),
          p.name,
        );
    }
    return success();
  }

  /** In reverse order, every plugin, whatever failed, as kube. */
  runReservePluginsUnreserve(state: CycleState, pod: Pod, nodeName: string): void {
    for (const p of [...this.reservePlugins].reverse()) {
      try {
        p.unreserve(state, pod, nodeName);
      } catch {
        // Unreserve has no way to fail in kube either: the next plugins still run.
      }
    }
  }

  async runBindPlugins(state: CycleState, pod: Pod, nodeName: string): Promise<Status> {
    for (const p of this.bindPlugins) {
      let status: Status;
      try {
        status = await p.bind(state, pod, nodeName);
      } catch (error) {
        status = errorStatus(error as Error);
      }
      if (status.code === 'Skip') continue;
      if (!isSuccess(status))
        return withPlugin(
          errorStatus(`running Bind plugin ${JSON.stringify(p.name)}: ${status.reasons.join(', ')}`),
          p.name,
        );
      return status;
    }
    return errorStatus('all bind plugins skipped binding');
  }

  /** The filter plugins (by index) a cycle with this skip set runs; kept while the set stays the same. */
  private filtersToRun(skipped: ReadonlySet<string>): readonly number[] {
    if (skipped !== this.runningFiltersSkipped || skipped.size !== this.runningFiltersSkippedSize) {
      this.runningFilters = [];
      this.filterPlugins.forEach((p, i) => {
        if (!skipped.has(p.name)) this.runningFilters.push(i);
      });
      this.runningFiltersSkipped = skipped;
      this.runningFiltersSkippedSize = skipped.size;
    }
    return this.runningFilters;
  }

  /** The memoised answers for the pod's signature; undefined when a node-local plugin cannot sign it. */
  private nodeLocalAnswers(pod: Pod): SignatureAnswers | undefined {
    if (!this.signers.length) return undefined;
    let signature = '';
    for (const p of this.signers) {
      const fragment = p.signPod!(pod);
      if (fragment === undefined) return undefined;
      signature += `${p.name}:${fragment}\n`;
    }
    return this.memo.forSignature(signature);
  }

  private addNominatedPods(
    state: CycleState,
    pod: Pod,
    nodeInfo: NodeInfo,
  ): { state: CycleState; nodeInfo: NodeInfo; error?: Status } | undefined {
    const nominated = this.deps.nominator.nominatedPodsForNode(nodeInfo.name!);
    if (!nominated.length) return undefined;
    const priority = podPriority(pod);
    const relevant = nominated.filter((p) => podPriority(p.pod) >= priority && p.pod.metadata.uid !== pod.metadata.uid);
    if (!relevant.length) return undefined;
    const stateOut = state.clone();
    const nodeInfoOut = nodeInfo.clone();
    for (const p of relevant) {
      nodeInfoOut.addPod(p);
      const status = this.runPreFilterExtensionAddPod(stateOut, pod, p, nodeInfoOut);
      if (!isSuccess(status)) return { state: stateOut, nodeInfo: nodeInfoOut, error: status };
    }
    return { state: stateOut, nodeInfo: nodeInfoOut };
  }
}

/**
 * The plugins of one extension point: those enabled there first, in their order, then the
 * multiPoint ones that implement it and are not disabled there, as kube's expandMultiPointPlugins.
 */
export const resolvePoint = (
  profile: Profile,
  point: ExtensionPoint,
  implementsPoint: (name: string) => boolean,
): WeightedPlugin[] => {
  const { multiPoint, enabled, disabled } = profile.plugins;
  const off = new Set(disabled[point] ?? []);
  const chosen: WeightedPlugin[] = [...(enabled[point] ?? [])].filter((p) => !off.has(p.name));
  for (const p of enabled[point] ?? []) {
    if (!implementsPoint(p.name)) throw new Error(`plugin ${JSON.stringify(p.name)} does not extend ${point}`);
  }
  if (off.has('*')) return chosen;
  for (const p of multiPoint) {
    if (off.has(p.name) || chosen.some((c) => c.name === p.name) || !implementsPoint(p.name)) continue;
    chosen.push(p);
  }
  return chosen;
};
