// The message of a preemption that found no node, built as kube's FitError.Error over the nodes
// the dry run tried: "0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No
// preemption victims found for incoming pod." Each reason is counted over the nodes; nodes not
// tried count under NOT_HELPFUL; the "<count> <reason>" strings are sorted as strings.
import type { Status } from '../../framework';

export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';

export const noCandidateMessage = (numAllNodes: number, nodeStatuses: ReadonlyMap<string, Status>): string => {
  const counts = new Map<string, number>();
  const count = (reason: string, n: number): void => {
    counts.set(reason, (counts.get(reason) ?? 0) + n);
  };
  for (const status of nodeStatuses.values()) for (const reason of status.reasons) count(reason, 1);
  if (nodeStatuses.size < numAllNodes) count(NOT_HELPFUL, numAllNodes - nodeStatuses.size);
  const histogram = [...counts].map(([reason, n]) => `${n} ${reason}`).sort();
  const message = `0/${numAllNodes} nodes are available:`;
  return histogram.length ? `${message} ${histogram.join(', ')}.` : message;
};
