// When a pod on a node with NoExecute taints must go, as kube's taint eviction controller decides:
// at once when a taint is not tolerated, never when every toleration used is unbounded, else when
// the shortest bounded toleration runs out (tolerationSeconds ≤ 0: at once). Each bounded taint
// counts from its timeAdded (when the pod was first seen under it, for a taint without one).
import type { Node, Pod } from '@kubenest/api/core/types';
import { matchingTolerations, Taint } from '@kubenest/api/core/tolerations';

export type EvictionTime = { kind: 'now' } | { kind: 'never' } | { kind: 'at'; atMs: number };

export const noExecuteTaints = (node: Node | undefined): Taint[] =>
  (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');

/** `firstSeenMs`: when the pod was first seen under its node's taints (for taints without timeAdded). */
export const evictionTime = (pod: Pod, taints: Taint[], firstSeenMs: number): EvictionTime => {
  if (taints.length === 0) return { kind: 'never' };
  const { allTolerated, used } = matchingTolerations(taints, pod.spec?.tolerations);
  if (!allTolerated) return { kind: 'now' };
  let atMs = Infinity;
  used.forEach((toleration, i) => {
    if (toleration.tolerationSeconds === undefined || toleration.tolerationSeconds === null) return;
    const added = taints[i].timeAdded ? Date.parse(taints[i].timeAdded) : NaN;
    const from = Number.isNaN(added) ? firstSeenMs : added;
    atMs = Math.min(atMs, from + Math.max(0, toleration.tolerationSeconds) * 1000);
  });
  return atMs === Infinity ? { kind: 'never' } : { kind: 'at', atMs };
};
