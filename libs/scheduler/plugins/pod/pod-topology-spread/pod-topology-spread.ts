// PodTopologySpread, as kube-scheduler's plugin of that name: DoNotSchedule constraints as a
// filter, ScheduleAnyway ones as a score, and for pods without constraints the default ones
// (kube's system defaults unless configured), which spread the pods of one Service or
// ReplicaSet across nodes and zones.
import type { ReplicaSet } from '@kubenest/api/apps/types';
import type { Pod, Service } from '@kubenest/api/core/types';
import { CycleState } from '../../../framework/cycle-state';
import { NodeInfo } from '../../../framework/node-info';
import type {
  FilterPlugin,
  FrameworkHandle,
  NodeScore,
  PluginFactory,
  PreFilterPlugin,
  PreScorePlugin,
  ScorePlugin,
} from '../../../framework/plugin';
import type { PodInfo } from '../../../framework/pod-info';
import { errorStatus, skip, type Status, success } from '../../../framework/status';
import { podTopologySpreadArgs } from './args';
import { SpreadConstraint, spreadConstraints, WhenUnsatisfiable } from './constraints';
import { defaultSelector, WorkloadListers } from './default-selector';
import { DomainTallies } from './domain-tally';
import { podTopologySpreadEvents } from './events';
import { filterNode } from './filter';
import { PRE_FILTER_STATE_KEY, SpreadFilterState, spreadFilterState } from './pre-filter-state';
import { normalizeReversed, PRE_SCORE_STATE_KEY, SpreadScoreState, spreadScoreState } from './scoring';

export const POD_TOPOLOGY_SPREAD = 'PodTopologySpread';

type PodTopologySpread = PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin;

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export const newPodTopologySpread: PluginFactory = (rawArgs, handle: FrameworkHandle): PodTopologySpread => {
  const args = podTopologySpreadArgs(rawArgs);
  const listers: WorkloadListers | undefined = args.defaultConstraints.length
    ? {
        services: handle.listerFor<Service>('v1/services'),
        replicaSets: handle.listerFor<ReplicaSet>('apps/v1/replicasets'),
      }
    : undefined;
  const tallies = new DomainTallies();

  /** The pod's own constraints of one action, or else the defaults with its workload's selector. */
  const constraintsOf = (pod: Pod, action: WhenUnsatisfiable): SpreadConstraint[] => {
    const own = pod.spec?.topologySpreadConstraints ?? [];
    if (own.length) return spreadConstraints(own, pod.metadata.labels, action);
    if (!listers) return [];
    // Most pods belong to no service or workload: their empty selector is known before any
    // default constraint is built.
    const defaults = args.defaultConstraints.filter((c) => c.whenUnsatisfiable === action);
    if (!defaults.length) return [];
    const selector = defaultSelector(pod, listers);
    if (selector.empty) return [];
    return spreadConstraints(defaults, pod.metadata.labels, action).map((c) => ({ ...c, selector }));
  };

  const update = (state: CycleState, changed: PodInfo, nodeInfo: NodeInfo, delta: 1 | -1): Status => {
    const spread = state.read<SpreadFilterState>(PRE_FILTER_STATE_KEY);
    if (spread && nodeInfo.node) spread.updateWithPod(changed.pod, nodeInfo.node, delta);
    return success();
  };

  return {
    name: POD_TOPOLOGY_SPREAD,

    preFilter(state: CycleState, pod: Pod) {
      let constraints: SpreadConstraint[];
      try {
        constraints = constraintsOf(pod, 'DoNotSchedule');
      } catch (err) {
        return {
          status: errorStatus(
            `get constraints from pod: obtaining pod's hard topology spread constraints: ${message(err)}`,
          ),
        };
      }
      if (!constraints.length) return { status: skip() };
      state.write(PRE_FILTER_STATE_KEY, spreadFilterState(pod, constraints, handle.snapshot(), tallies));
      return { status: success() };
    },

    addPod: (state, _pod, podToAdd, nodeInfo) => update(state, podToAdd, nodeInfo, 1),
    removePod: (state, _pod, podToRemove, nodeInfo) => update(state, podToRemove, nodeInfo, -1),

    filter(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): Status {
      const spread = state.read<SpreadFilterState>(PRE_FILTER_STATE_KEY);
      if (!spread) return errorStatus(`reading "${PRE_FILTER_STATE_KEY}" from cycleState: not found`);
      if (!nodeInfo.node) return errorStatus('node not found');
      return filterNode(spread, nodeInfo.node);
    },

    preScore(state: CycleState, pod: Pod, feasible: readonly NodeInfo[]): Status {
      const snapshot = handle.snapshot();
      if (!snapshot.nodeInfos.length) return skip();
      let constraints: SpreadConstraint[];
      try {
        constraints = constraintsOf(pod, 'ScheduleAnyway');
      } catch (err) {
        return errorStatus(
          `calculating preScoreState: obtaining pod's soft topology spread constraints: ${message(err)}`,
        );
      }
      if (!constraints.length) return skip();
      const requireAllTopologies = !!pod.spec?.topologySpreadConstraints?.length || !args.systemDefaulted;
      state.write(
        PRE_SCORE_STATE_KEY,
        spreadScoreState(pod, constraints, feasible, snapshot, requireAllTopologies, tallies),
      );
      return success();
    },

    score(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): number {
      const spread = state.read<SpreadScoreState>(PRE_SCORE_STATE_KEY);
      if (!spread) throw new Error(`reading "${PRE_SCORE_STATE_KEY}" from cycleState: not found`);
      return spread.score(nodeInfo);
    },

    normalizeScore(state: CycleState, _pod: Pod, scores: NodeScore[]): void {
      const spread = state.read<SpreadScoreState>(PRE_SCORE_STATE_KEY);
      if (spread) normalizeReversed(scores, spread.ignoredNodes);
    },

    eventsToRegister: () => podTopologySpreadEvents((pod) => constraintsOf(pod, 'DoNotSchedule')),
  };
};
