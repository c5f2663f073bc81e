// The nodes where evicting some lower-priority pods would make room, as kube's preemption
// Evaluator.findCandidates and DryRunPreemption: only nodes the filters found Unschedulable (not
// UnschedulableAndUnresolvable) are tried, each on a copy of its NodeInfo and of the cycle state,
// from a random offset, until enough candidates are found.
import type { Pod } from '@kubenest/api/core/types';
import { CycleState } from '../../framework/cycle-state';
import { NodeInfo } from '../../framework/node-info';
import type { FrameworkHandle, NodeToStatus } from '../../framework/plugin';
import { errorStatus, type Status } from '../../framework/status';
import { DefaultPreemptionArgs, numCandidates } from './default-preemption-args';
import { selectVictimsOnNode } from './select-victims';

export interface Candidate {
  nodeName: string;
  /** Most important first. */
  victims: Pod[];
  numPDBViolations: number;
}

export interface CandidateSearch {
  candidates: Candidate[];
  /** Why each node tried and not kept could not help. */
  nodeStatuses: Map<string, Status>;
  /** Errors met while trying nodes (they matter only when no candidate was found). */
  errors: Error[];
}

export interface SearchOptions {
  args: DefaultPreemptionArgs;
  /** An integer in [0, n): where in the potential nodes the search starts. */
  random: (n: number) => number;
  now: number;
}

export const findCandidates = (
  handle: FrameworkHandle,
  state: CycleState,
  pod: Pod,
  allNodes: readonly NodeInfo[],
  filtered: NodeToStatus,
  options: SearchOptions,
): CandidateSearch => {
  const search: CandidateSearch = { candidates: [], nodeStatuses: new Map(), errors: [] };
  const potential = allNodes.filter((n) => n.name !== undefined && filtered.get(n.name)?.code === 'Unschedulable');
  if (!potential.length) return search;
  // Starting anywhere spreads preemptions over the cluster instead of always hitting the first nodes.
  const offset = options.random(potential.length);
  const wanted = numCandidates(options.args, potential.length);
  for (let i = 0; i < potential.length && search.candidates.length < wanted; i++) {
    const nodeInfo = potential[(offset + i) % potential.length].clone();
    const nodeName = nodeInfo.name!;
    const selection = selectVictimsOnNode(handle, state.clone(), pod, nodeInfo, options.now);
    let status = selection.status;
    if (status.code === 'Success') {
      if (selection.victims.length) {
        search.candidates.push({ nodeName, victims: selection.victims, numPDBViolations: selection.numPDBViolations });
        continue;
      }
      // The filters turned this node down, yet the pod fits with nothing evicted: the cycle's view and
      // this one disagree, which kube reports as an error rather than a candidate.
      status = errorStatus(`expected at least one victim pod on node "${nodeName}"`);
    }
    if (status.code === 'Error') search.errors.push(status.error ?? new Error(status.reasons.join(', ')));
    search.nodeStatuses.set(nodeName, status);
  }
  return search;
};
