// The message of a preemption that found no node, built as kube's FitError.Error over the nodes
// the dry run tried: "0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No
// preemption victims found for incoming pod." Nodes not tried count under NOT_HELPFUL.
import { fitErrorMessage } from '../../framework/fit-error';
import { type Status, unresolvable } from '../../framework/status';

export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';

export const noCandidateMessage = (numAllNodes: number, nodeToStatus: ReadonlyMap<string, Status>): string =>
  fitErrorMessage(numAllNodes, { nodeToStatus, absentNodesStatus: unresolvable(NOT_HELPFUL) });
