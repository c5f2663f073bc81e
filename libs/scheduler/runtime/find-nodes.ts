// The nodes a pod may go to, as kube-scheduler's findNodesThatFitPod: pre-filter, the nominated
// node first when the pod has one, then the filters over the nodes from a start index that moves
// on every cycle, stopping once enough feasible nodes are found (percentageOfNodesToScore).
import type { Pod } from '@kubenest/api/core/types';
import { CycleState } from '../framework/cycle-state';
import { NodeInfo } from '../framework/node-info';
import type { Snapshot } from '../framework/snapshot';
import { unresolvable } from '../framework/status';
import { Diagnosis, newDiagnosis } from '../framework/fit-error';
import type { Framework } from './framework';

/** kube's minFeasibleNodesToFind and minFeasibleNodesPercentageToFind. */
const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** As kube's numFeasibleNodesToFind: all below 100 nodes, else a percentage (adaptive when 0: 50 - nodes/125, at least 5), at least 100. */
export const numFeasibleNodesToFind = (percentage: number | undefined, numAllNodes: number): number => {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let p = percentage ?? 0;
  if (p === 0) {
    p = 50 - Math.trunc(numAllNodes / 125);
    if (p < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) p = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * p) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
};

export interface FitResult {
  feasible: NodeInfo[];
  diagnosis: Diagnosis;
}

/** Holds the rotating start index between cycles, as kube's Scheduler.nextStartNodeIndex. */
export class NodeFinder {
  nextStartNodeIndex = 0;

  findNodesThatFitPod(fwk: Framework, state: CycleState, pod: Pod, snapshot: Snapshot): FitResult {
    const diagnosis = newDiagnosis();
    const allNodes = snapshot.nodeInfos;
    const pre = fwk.runPreFilterPlugins(state, pod, allNodes);
    for (const name of pre.rejectors) diagnosis.unschedulablePlugins.add(name);
    if (pre.status.code !== 'Success') {
      if (pre.status.code === 'Error') throw pre.status.error ?? new Error(pre.status.reasons.join(', '));
      diagnosis.absentNodesStatus = pre.status;
      diagnosis.preFilterMsg = pre.status.reasons.join(', ');
      return { feasible: [], diagnosis };
    }
    const nominated = pod.status?.nominatedNodeName;
    if (nominated) {
      const info = snapshot.get(nominated);
      if (info) {
        const feasible = this.findNodesThatPassFilters(fwk, state, pod, diagnosis, [info]);
        if (feasible.length) return { feasible, diagnosis };
      }
    }
    let nodes: readonly NodeInfo[] = allNodes;
    const restricted = pre.result?.nodeNames;
    if (restricted) {
      nodes = [...restricted].flatMap((name) => snapshot.get(name) ?? []);
      diagnosis.absentNodesStatus = unresolvable(
        `node(s) didn't satisfy plugin(s) [${[...pre.rejectors].sort().join(' ')}]`,
      );
    }
    return { feasible: this.findNodesThatPassFilters(fwk, state, pod, diagnosis, nodes), diagnosis };
  }

  private findNodesThatPassFilters(
    fwk: Framework,
    state: CycleState,
    pod: Pod,
    diagnosis: Diagnosis,
    nodes: readonly NodeInfo[],
  ): NodeInfo[] {
    const numAllNodes = nodes.length;
    if (!numAllNodes) return [];
    const toFind = numFeasibleNodesToFind(fwk.percentageOfNodesToScore, numAllNodes);
    const feasible: NodeInfo[] = [];
    let processed = 0;
    for (let i = 0; i < numAllNodes && feasible.length < toFind; i++) {
      const info = nodes[(this.nextStartNodeIndex + i) % numAllNodes];
      processed++;
      if (!fwk.filterPlugins.length) {
        feasible.push(info);
        continue;
      }
      const status = fwk.runFilterPluginsWithNominatedPods(state, pod, info);
      if (status.code === 'Success') {
        feasible.push(info);
        continue;
      }
      if (status.code === 'Error') throw status.error ?? new Error(status.reasons.join(', '));
      diagnosis.nodeToStatus.set(info.name!, status);
      if (status.plugin) diagnosis.unschedulablePlugins.add(status.plugin);
    }
    this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % numAllNodes;
    return feasible;
  }
}
