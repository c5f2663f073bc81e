// Whether a pod's tolerations let it onto a node's taints, as v1helper's ToleratesTaint: an empty
// toleration effect matches every effect, an empty key with operator Exists matches every taint,
// Equal (or no operator) compares the values.
import type { ITaint as Taint } from 'kubernetes-models/v1/Taint';
import type { IToleration as Toleration } from 'kubernetes-models/v1/Toleration';

export type { Taint, Toleration };

export const toleratesTaint = (toleration: Toleration, taint: Taint): boolean => {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? 'Equal') {
    case 'Exists':
      return true;
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
};

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
