// TaintToleration: a pod goes only where it tolerates every NoSchedule and NoExecute taint, and
// prefers nodes with fewer PreferNoSchedule taints it does not tolerate.
import type { Node, Pod } from '@kubenest/api/core/types';
import type {
  ClusterEventWithHint,
  FilterPlugin,
  PluginFactory,
  PreScorePlugin,
  QueueingHintFn,
  ScorePlugin,
} from '../../framework';
import { success, unresolvable } from '../../framework/status';
import { CycleValue } from './cycle-value';
import { nodeTaints } from './node-taints';
import { defaultNormalizeScore } from './normalize-score';
import {
  doNotScheduleTaint,
  firstUntoleratedTaint,
  Taint,
  Toleration,
  tolerationsTolerateTaint,
} from '../../framework/tolerations';
import { tolerationsSignature } from './pod-signature';

export const TAINT_TOLERATION = 'TaintToleration';
const PRE_SCORE_KEY = `PreScore${TAINT_TOLERATION}`;

export const untoleratedTaintReason = (taint: Taint): string =>
  `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;

const preferNoScheduleTolerations = (pod: Pod): Toleration[] =>
  (pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');

const intolerablePreferNoSchedule = (taints: readonly Taint[], tolerations: readonly Toleration[]): number =>
  taints.filter((t) => t.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, t)).length;

const untolerated = (pod: Pod, node: Node): Taint | undefined =>
  firstUntoleratedTaint(nodeTaints(node), pod.spec?.tolerations, doNotScheduleTaint);

/** A node is worth trying again once it went from a taint the pod does not tolerate to none. */
const schedulableAfterNodeChange: QueueingHintFn = (pod, oldObj, newObj) => {
  if (!newObj) return 'Skip';
  const wasUntolerated = !oldObj || untolerated(pod, oldObj as Node) !== undefined;
  return wasUntolerated && !untolerated(pod, newObj as Node) ? 'Queue' : 'Skip';
};

type TaintToleration = FilterPlugin & PreScorePlugin & ScorePlugin;

export const newTaintToleration: PluginFactory = (): TaintToleration => ({
  name: TAINT_TOLERATION,
  signPod: tolerationsSignature,
  filter: (_state, pod, nodeInfo) => {
    const taint = nodeInfo.node && untolerated(pod, nodeInfo.node);
    return taint ? unresolvable(untoleratedTaintReason(taint)) : success();
  },
  preScore: (state, pod) => {
    state.write(PRE_SCORE_KEY, new CycleValue(preferNoScheduleTolerations(pod)));
    return success();
  },
  score: (state, pod, nodeInfo) => {
    const tolerations = state.read<CycleValue<Toleration[]>>(PRE_SCORE_KEY)?.value ?? preferNoScheduleTolerations(pod);
    return intolerablePreferNoSchedule(nodeInfo.node?.spec?.taints ?? [], tolerations);
  },
  normalizeScore: (_state, _pod, scores) => defaultNormalizeScore(scores, true),
  eventsToRegister: (): ClusterEventWithHint[] => [
    { event: { resource: 'Node', action: 'Add' }, hint: schedulableAfterNodeChange },
    { event: { resource: 'Node', action: 'UpdateNodeTaint' }, hint: schedulableAfterNodeChange },
    // The readiness taint is implied from the Ready condition (see node-taints.ts).
    { event: { resource: 'Node', action: 'UpdateNodeCondition' }, hint: schedulableAfterNodeChange },
  ],
});
