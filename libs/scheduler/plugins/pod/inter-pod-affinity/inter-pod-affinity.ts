// InterPodAffinity, as kube-scheduler's plugin of that name: required pod affinity and
// anti-affinity (the incoming pod's, and existing pods' anti-affinity against it) as a filter,
// preferred terms as a score.
import type { Namespace, Pod } from '@kubenest/api/core/types';
import { CycleState, type StateData } from '../../../framework/cycle-state';
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
import { errorStatus, skip, type Status, success, unresolvable } from '../../../framework/status';
import { interPodAffinityArgs } from './args';
import { interPodAffinityEvents } from './events';
import { filterNode } from './filter';
import { type IncomingPod, incomingPod } from './incoming-pod';
import { InterPodAffinityCounter } from './pre-filter';
import { InterPodAffinityState, PRE_FILTER_STATE_KEY } from './pre-filter-state';
import { InterPodAffinityScorer, InterPodAffinityScoreState, normalizeMinMax, PRE_SCORE_STATE_KEY } from './scoring';

export const INTER_POD_AFFINITY = 'InterPodAffinity';

type InterPodAffinity = PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin;

const INCOMING_POD_KEY = 'IncomingPodInterPodAffinity';

/** The incoming pod as preFilter resolved it, so preScore does not parse and resolve its terms again. */
class IncomingPodState implements StateData {
  constructor(readonly incoming: IncomingPod) {}

  clone(): IncomingPodState {
    return this;
  }
}

export const newInterPodAffinity: PluginFactory = (rawArgs, handle: FrameworkHandle): InterPodAffinity => {
  const args = interPodAffinityArgs(rawArgs);
  const namespaces = handle.listerFor<Namespace>('v1/namespaces');
  const counter = new InterPodAffinityCounter();
  const scorer = new InterPodAffinityScorer(args.hardPodAffinityWeight);

  // Preemption's what-ifs after a skipped pre-filter have no counts to keep in step.
  const update = (state: CycleState, changed: PodInfo, nodeInfo: NodeInfo, sign: 1 | -1): Status => {
    const counts = state.read<InterPodAffinityState>(PRE_FILTER_STATE_KEY);
    if (counts && nodeInfo.node) counts.updateWithPod(changed, nodeInfo.node, sign);
    return success();
  };

  return {
    name: INTER_POD_AFFINITY,

    preFilter(state: CycleState, pod: Pod) {
      const incoming = incomingPod(pod, namespaces);
      if (incoming.info.parseError) return { status: unresolvable(`parsing pod: ${incoming.info.parseError}`) };
      state.write(INCOMING_POD_KEY, new IncomingPodState(incoming));
      const counts = counter.count(incoming, handle.snapshot());
      const { requiredAffinityTerms, requiredAntiAffinityTerms } = incoming.info;
      if (
        counts.existingAntiAffinityCounts.size === 0 &&
        !requiredAffinityTerms.length &&
        !requiredAntiAffinityTerms.length
      )
        return { status: skip() };
      state.write(PRE_FILTER_STATE_KEY, counts);
      return { status: success() };
    },

    addPod: (state, _pod, podToAdd, nodeInfo) => update(state, podToAdd, nodeInfo, 1),
    removePod: (state, _pod, podToRemove, nodeInfo) => update(state, podToRemove, nodeInfo, -1),

    filter(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): Status {
      const counts = state.read<InterPodAffinityState>(PRE_FILTER_STATE_KEY);
      if (!counts) return errorStatus(`reading "${PRE_FILTER_STATE_KEY}" from cycleState: not found`);
      if (!nodeInfo.node) return errorStatus('node not found');
      return filterNode(counts, nodeInfo.node);
    },

    preScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status {
      if (!nodes.length) return skip();
      const incoming = state.read<IncomingPodState>(INCOMING_POD_KEY)?.incoming ?? incomingPod(pod, namespaces);
      const { preferredAffinityTerms, preferredAntiAffinityTerms } = incoming.info;
      const hasPreferred = preferredAffinityTerms.length > 0 || preferredAntiAffinityTerms.length > 0;
      if (args.ignorePreferredTermsOfExistingPods && !hasPreferred) return skip();
      const snapshot = handle.snapshot();
      const weights = scorer.weigh(incoming, snapshot.nodeInfos, snapshot.havePodsWithAffinity);
      if (!weights) return skip();
      state.write(PRE_SCORE_STATE_KEY, new InterPodAffinityScoreState(weights));
      return success();
    },

    score(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): number {
      const weights = state.read<InterPodAffinityScoreState>(PRE_SCORE_STATE_KEY);
      if (!weights) throw new Error(`reading "${PRE_SCORE_STATE_KEY}" from cycleState: not found`);
      return nodeInfo.node ? weights.score(nodeInfo.node) : 0;
    },

    normalizeScore(state: CycleState, _pod: Pod, scores: NodeScore[]): void {
      const weights = state.read<InterPodAffinityScoreState>(PRE_SCORE_STATE_KEY);
      if (weights?.weights.size) normalizeMinMax(scores);
    },

    eventsToRegister: () => interPodAffinityEvents(() => namespaces),
  };
};
