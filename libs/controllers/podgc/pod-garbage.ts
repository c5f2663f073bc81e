// Which pods the pod GC removes, as kube's podgc decides it on each pass: terminated pods beyond
// the threshold (oldest first), pods bound to nodes that no longer exist (once a node has been
// missing for the quarantine), and terminating pods never scheduled.
import type { Pod } from '@kubenest/api/core/types';

export const isTerminated = (pod: Pod): boolean => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

const created = (pod: Pod): number => Date.parse((pod.metadata.creationTimestamp as string | undefined) ?? '') || 0;

/** The terminated pods above the threshold, oldest first (a threshold of 0 keeps them all). */
export const terminatedOverThreshold = (pods: Pod[], threshold: number): Pod[] => {
  if (threshold <= 0) return [];
  const terminated = pods.filter(isTerminated);
  const excess = terminated.length - threshold;
  if (excess <= 0) return [];
  return terminated
    .sort((a, b) => created(a) - created(b) || a.metadata.name!.localeCompare(b.metadata.name!))
    .slice(0, excess);
};

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
