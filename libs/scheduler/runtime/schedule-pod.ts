// One pod's placement decision on a snapshot, as kube-scheduler's schedulePod: no nodes is an
// error; no feasible node a FitError; one feasible node is taken without scoring; else the nodes
// are scored and the best one (ties at random) chosen.
import type { Pod } from '@kubenest/api/core/types';
import { CycleState } from '../framework/cycle-state';
import type { NodeScore } from '../framework/plugin';
import type { Snapshot } from '../framework/snapshot';
import { FitError, NO_NODES_AVAILABLE } from './fit-error';
import type { NodeFinder } from './find-nodes';
import type { Framework } from './framework';
import { selectHost } from './select-host';

export interface ScheduleResult {
  suggestedHost: string;
  evaluatedNodes: number;
  feasibleNodes: number;
}

export class NoNodesAvailableError extends Error {
  constructor() {
    super(NO_NODES_AVAILABLE);
  }
}

export const schedulePod = (
  fwk: Framework,
  finder: NodeFinder,
  state: CycleState,
  pod: Pod,
  snapshot: Snapshot,
  random: () => number = Math.random,
): ScheduleResult => {
  const numNodes = snapshot.nodeInfos.length;
  if (numNodes === 0) throw new NoNodesAvailableError();
  const { feasible, diagnosis } = finder.findNodesThatFitPod(fwk, state, pod, snapshot);
  if (!feasible.length) throw new FitError(numNodes, diagnosis);
  const evaluatedNodes = feasible.length + diagnosis.nodeToStatus.size;
  if (feasible.length === 1) return { suggestedHost: feasible[0].name!, evaluatedNodes, feasibleNodes: 1 };
  return {
    suggestedHost: selectHost(prioritizeNodes(fwk, state, pod, feasible), random),
    evaluatedNodes,
    feasibleNodes: feasible.length,
  };
};

/** Without score plugins every node scores 1, as kube. */
const prioritizeNodes = (
  fwk: Framework,
  state: CycleState,
  pod: Pod,
  nodes: Parameters<Framework['runScorePlugins']>[2],
): NodeScore[] => {
  if (!fwk.scorePlugins.length) return nodes.map((n) => ({ name: n.name!, score: 1 }));
  const status = fwk.runPreScorePlugins(state, pod, nodes);
  if (status.code !== 'Success') throw status.error ?? new Error(status.reasons.join(', '));
  return fwk.runScorePlugins(state, pod, nodes);
};
