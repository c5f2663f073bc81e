// Which surplus pods go first, as kube's getPodsToDelete over ActivePodsWithRanks: unassigned before
// assigned, Pending before Unknown before Running, not ready before ready, a lower
// controller.kubernetes.io/pod-deletion-cost first, more pods of related controllers on the same node
// first, then ready for less time, more restarts, created later, with times compared on a log2 scale
// of their age (LogarithmicScaleDown) and the uid breaking a tie there.
import type { Pod } from '@kubenest/api/core/types';
import { isPodActive, isPodReady, maxContainerRestarts, podReadySince } from './pod-state';

export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

const phaseOrder = (pod: Pod): number => PHASE_ORDER[pod.status?.phase ?? ''] ?? 0;

/** The annotation as an int32; anything else counts as 0, as kube's helper leaves an invalid cost at 0. */
const deletionCost = (pod: Pod): number => {
  const raw = pod.metadata.annotations?.[POD_DELETION_COST];
  if (raw === undefined || !/^[+-]?\d+$/.test(raw)) return 0;
  const cost = Number(raw);
  return cost >= -(2 ** 31) && cost < 2 ** 31 ? cost : 0;
};

/** floor(log2(age in ns)), -1 for no age: two times in the same band are alike. */
const ageBand = (time: number, now: number): number => {
  const ageNs = (now - time) * 1e6;
  return ageNs > 0 ? Math.floor(Math.log2(ageNs)) : -1;
};

/** Negative when time a should go first (more recent), positive when b, 0 when alike. */
const compareRecent = (a: number | undefined, b: number | undefined, now: number, uidA: string, uidB: string) => {
  if (a === b) return 0;
  // A time not set sorts first, as kube's afterOrZero.
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  const diff = ageBand(a, now) - ageBand(b, now);
  if (diff !== 0) return diff;
  return uidA < uidB ? -1 : uidA > uidB ? 1 : 0;
};

const createdAt = (pod: Pod): number | undefined =>
  pod.metadata.creationTimestamp ? Date.parse(pod.metadata.creationTimestamp) : undefined;

interface Ranked {
  pod: Pod;
  /** Active related pods on the pod's node (unassigned pods share the node ""). */
  colocated: number;
}

const compare = (a: Ranked, b: Ranked, now: number): number => {
  const [p, q] = [a.pod, b.pod];
  const nodeP = p.spec?.nodeName ?? '';
  const nodeQ = q.spec?.nodeName ?? '';
  if (nodeP !== nodeQ && (!nodeP || !nodeQ)) return nodeP ? 1 : -1;
  if (phaseOrder(p) !== phaseOrder(q)) return phaseOrder(p) - phaseOrder(q);
  if (isPodReady(p) !== isPodReady(q)) return isPodReady(p) ? 1 : -1;
  if (deletionCost(p) !== deletionCost(q)) return deletionCost(p) - deletionCost(q);
  if (a.colocated !== b.colocated) return b.colocated - a.colocated;
  const uidP = p.metadata.uid ?? '';
  const uidQ = q.metadata.uid ?? '';
  if (isPodReady(p) && isPodReady(q)) {
    const ready = compareRecent(podReadySince(p), podReadySince(q), now, uidP, uidQ);
    if (ready !== 0) return ready;
  }
  const restarts = maxContainerRestarts(q) - maxContainerRestarts(p);
  if (restarts !== 0) return restarts;
  return compareRecent(createdAt(p), createdAt(q), now, uidP, uidQ);
};

/**
 * The `count` pods of `pods` to delete first. `related` are the pods of every controller sharing
 * this one's owner (a Deployment's ReplicaSets): a pod on a node crowded with them goes first.
 */
export const podsToDelete = (pods: Pod[], related: Pod[], count: number, now: number): Pod[] => {
  if (count >= pods.length) return [...pods];
  const onNode = new Map<string, number>();
  for (const pod of related) {
    if (!isPodActive(pod)) continue;
    const node = pod.spec?.nodeName ?? '';
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  return pods
    .map((pod): Ranked => ({ pod, colocated: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }))
    .sort((a, b) => compare(a, b, now))
    .slice(0, count)
    .map((r) => r.pod);
};
