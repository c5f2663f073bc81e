// The taints kube's node lifecycle controller keeps on nodes: NoSchedule ones mirroring conditions
// and spec.unschedulable (doNoScheduleTaintingPass), and the NoExecute not-ready / unreachable ones
// the taint eviction loop acts on (doNoExecuteTaintingPass), stamped with the time they were added.
import type { Node } from '@kubenest/api/core/types';
import { Taint, TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE } from '@kubenest/api/core/tolerations';
import { readyCondition } from './node-conditions';

export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/** Condition type → status → the NoSchedule taint key it brings, as kube's nodeConditionToTaintKeyStatusMap. */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NODE_NOT_READY, Unknown: TAINT_NODE_UNREACHABLE },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
};

const NO_SCHEDULE_KEYS = new Set([
  ...Object.values(CONDITION_TAINTS).flatMap((byStatus) => Object.values(byStatus)),
  TAINT_NODE_UNSCHEDULABLE,
]);

const taintsOf = (node: Node): Taint[] => node.spec?.taints ?? [];

/** The node's taints with the loop's NoSchedule ones matching its conditions now; undefined when they already do. */
export const withNoScheduleTaints = (node: Node): Taint[] | undefined => {
  const wanted = new Set<string>();
  for (const condition of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[condition.type]?.[condition.status];
    if (key) wanted.add(key);
  }
  if (node.spec?.unschedulable) wanted.add(TAINT_NODE_UNSCHEDULABLE);
  const managed = (t: Taint) => t.effect === 'NoSchedule' && NO_SCHEDULE_KEYS.has(t.key);
  const kept = taintsOf(node).filter((t) => !managed(t) || wanted.has(t.key));
  const present = new Set(kept.filter(managed).map((t) => t.key));
  const added = [...wanted].filter((key) => !present.has(key)).map((key): Taint => ({ key, effect: 'NoSchedule' }));
  if (added.length === 0 && kept.length === taintsOf(node).length) return undefined;
  return [...kept, ...added];
};

const isNoExecute = (key: string) => (t: Taint) => t.key === key && t.effect === 'NoExecute';

/** The NoExecute taint the node should carry for its Ready condition: none while Ready is True (or unknown to it). */
export const wantedNoExecuteKey = (node: Node): string | undefined => {
  switch (readyCondition(node)?.status) {
    case 'False':
      return TAINT_NODE_NOT_READY;
    case 'Unknown':
      return TAINT_NODE_UNREACHABLE;
    default:
      return undefined;
  }
};

export const hasNoExecuteTaint = (node: Node, key: string): boolean => taintsOf(node).some(isNoExecute(key));

/** The node's taints with `key` as the one NoExecute taint of the loop's (added at `now` unless there), the other removed. */
export const withNoExecuteTaint = (node: Node, key: string | undefined, now: string): Taint[] => {
  const others = [TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE].filter((k) => k !== key);
  const kept = taintsOf(node).filter((t) => !others.some((k) => isNoExecute(k)(t)));
  if (key === undefined || kept.some(isNoExecute(key))) return kept;
  return [...kept, { key, effect: 'NoExecute', timeAdded: now }];
};

/** Whether the node carries a NoExecute taint of the loop's that its Ready condition does not call for. */
export const noExecuteTaintsStale = (node: Node): boolean => {
  const wanted = wantedNoExecuteKey(node);
  return [TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE].some((k) => k !== wanted && hasNoExecuteTaint(node, k));
};
