// Which pods the pod GC removes, as kube's podgc decides it on each pass: terminated pods beyond
// the threshold (evicted and oldest first), terminating pods on nodes marked out of service, pods
// bound to nodes that no longer exist (once a node has been missing for the quarantine), and
// terminating pods never scheduled.
import type { Node, Pod } from '@kubenest/api/core/types';

export const isTerminated = (pod: Pod): boolean => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

const created = (pod: Pod): number => Date.parse((pod.metadata.creationTimestamp as string | undefined) ?? '') || 0;

const isEvicted = (pod: Pod): boolean => pod.status?.phase === 'Failed' && pod.status.reason === 'Evicted';

/** Evicted pods first (they spare the finished pods of controllers), then the oldest, then by name. */
const evictedThenOldest = (a: Pod, b: Pod): number =>
  Number(isEvicted(b)) - Number(isEvicted(a)) ||
  created(a) - created(b) ||
  a.metadata.name!.localeCompare(b.metadata.name!);

/** The terminated pods above the threshold, evicted and oldest first (a threshold of 0 keeps them all). */
export const terminatedOverThreshold = (pods: Pod[], threshold: number): Pod[] => {
  if (threshold <= 0) return [];
  const terminated = pods.filter(isTerminated);
  const excess = terminated.length - threshold;
  if (excess <= 0) return [];
  return terminated.sort(evictedThenOldest).slice(0, excess);
};

export const OUT_OF_SERVICE_TAINT = 'node.kubernetes.io/out-of-service';

/** Terminating pods on a node not Ready that its admin marked out of service (kube's gcTerminating). */
export const terminatingOutOfService = (pods: Pod[], nodeOf: (name: string) => Node | undefined): Pod[] =>
  pods
    .filter((pod) => {
      if (!pod.metadata.deletionTimestamp || !pod.spec?.nodeName) return false;
      const node = nodeOf(pod.spec.nodeName);
      if (!node) return false;
      const ready = node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
      return !ready && !!node.spec?.taints?.some((t) => t.key === OUT_OF_SERVICE_TAINT);
    })
    .sort(evictedThenOldest);

/** Pods bound to a node not known, grouped by that node. */
export const podsOnMissingNodes = (pods: Pod[], nodeExists: (name: string) => boolean): Map<string, Pod[]> => {
  const byNode = new Map<string, Pod[]>();
  for (const pod of pods) {
    const node = pod.spec?.nodeName;
    if (!node || nodeExists(node)) continue;
    byNode.set(node, [...(byNode.get(node) ?? []), pod]);
  }
  return byNode;
};

/** Terminating pods no node was ever given: nothing else would finish their deletion. */
export const unscheduledTerminating = (pods: Pod[]): Pod[] =>
  pods.filter((p) => !!p.metadata.deletionTimestamp && !p.spec?.nodeName);
