// Which of a node's taints keep a pod off it, as the scheduler asks (TaintToleration,
// NodeUnschedulable, PodTopologySpread's nodeTaintsPolicy); whether one toleration tolerates one
// taint is the API's rule, shared with the taint eviction controller.
import { type Taint, type Toleration, toleratesTaint } from '@kubenest/api/core/tolerations';

export type { Taint, Toleration };

export const tolerationsTolerateTaint = (tolerations: readonly Toleration[] | undefined, taint: Taint): boolean =>
  (tolerations ?? []).some((t) => toleratesTaint(t, taint));

/** The taints that keep pods off a node (PreferNoSchedule only lowers the score). */
export const doNotScheduleTaint = (taint: Taint): boolean =>
  taint.effect === 'NoSchedule' || taint.effect === 'NoExecute';

/** The first taint passing `applies` that no toleration tolerates, as FindMatchingUntoleratedTaint. */
export const firstUntoleratedTaint = (
  taints: readonly Taint[],
  tolerations: readonly Toleration[] | undefined,
  applies: (taint: Taint) => boolean,
): Taint | undefined => taints.find((taint) => applies(taint) && !tolerationsTolerateTaint(tolerations, taint));
