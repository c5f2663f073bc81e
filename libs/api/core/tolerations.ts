// Whether a pod's tolerations tolerate a node's taints, as kube's v1helper.ToleratesTaint: an empty
// toleration effect matches every effect, an empty key with Exists every key, Equal (the default
// operator) compares values.
import type { ITaint as Taint } from 'kubernetes-models/v1/Taint';
import type { IToleration as Toleration } from 'kubernetes-models/v1/Toleration';

export type { Taint, Toleration };

/** The taints kube's node lifecycle controller puts on a node whose Ready condition is False, or Unknown. */
export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';

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

/**
 * As v1helper.GetMatchingTolerations: whether every taint is tolerated, and for each taint the
 * first toleration that tolerates it (the ones whose tolerationSeconds count).
 */
export const matchingTolerations = (
  taints: readonly Taint[],
  tolerations: readonly Toleration[] | undefined,
): { allTolerated: boolean; used: Toleration[] } => {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const match = (tolerations ?? []).find((t) => toleratesTaint(t, taint));
    if (!match) return { allTolerated: false, used: [] };
    used.push(match);
  }
  return { allTolerated: true, used };
};
