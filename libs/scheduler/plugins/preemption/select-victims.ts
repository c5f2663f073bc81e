// The fewest pods to evict from one node for a pod to fit there, as DefaultPreemption's
// SelectVictimsOnNode: take every lower-priority pod off (a copy of) the node; if the pod then
// fits, put them back one by one from the most important down, keeping each that still leaves
// room. What stays off are the victims, most important first.
import type { Pod } from '@kubenest/api/core/types';
import { CycleState } from '../../framework/cycle-state';
import { NodeInfo } from '../../framework/node-info';
import type { FrameworkHandle } from '../../framework/plugin';
import type { PodInfo } from '../../framework/pod-info';
import { errorStatus, isSuccess, type Status, success, unresolvable } from '../../framework/status';
import { podPriority } from '../../framework/pod-priority';
import { byImportance } from './pod-priority';

export const NO_VICTIMS = 'No preemption victims found for incoming pod';

export interface VictimSelection {
  status: Status;
  /** Most important first; empty unless status is Success. */
  victims: Pod[];
  /** Victims whose eviction would break a PodDisruptionBudget. */
  numPDBViolations: number;
}

const failed = (status: Status): VictimSelection => ({ status, victims: [], numPDBViolations: 0 });

/** A pre-filter extension's failure is the dry run's error, as kube's status.AsError. */
const asError = (status: Status): Status => errorStatus(status.error ?? status.reasons.join(', '));

/** nodeInfo and state are the caller's copies: they are changed. */
export const selectVictimsOnNode = (
  handle: FrameworkHandle,
  state: CycleState,
  pod: Pod,
  nodeInfo: NodeInfo,
  now: number,
): VictimSelection => {
  const remove = (victim: PodInfo): Status => {
    nodeInfo.removePod(victim.pod);
    return handle.runPreFilterExtensionRemovePod(state, pod, victim, nodeInfo);
  };
  const add = (victim: PodInfo): Status => {
    nodeInfo.addPod(victim);
    return handle.runPreFilterExtensionAddPod(state, pod, victim, nodeInfo);
  };
  const fits = (): Status => handle.runFilterPluginsWithNominatedPods(state, pod, nodeInfo);

  const priority = podPriority(pod);
  const potential = nodeInfo.pods.filter((p) => podPriority(p.pod) < priority);
  for (const victim of potential) {
    const status = remove(victim);
    if (!isSuccess(status)) return failed(asError(status));
  }
  if (!potential.length) return failed(unresolvable(NO_VICTIMS));
  // Not fitting even on an emptied node: the pod's affinity to a victim could explain it, but kube
  // does not look for that case (affinity to lower-priority pods is not a recommended setup).
  const alone = fits();
  if (!isSuccess(alone)) return failed(alone);

  const order = byImportance(now);
  potential.sort((a, b) => order(a.pod, b.pod));
  // PodDisruptionBudgets do not exist here yet: every victim counts as not violating one, so
  // kube's first pass (reprieving the violating victims) has nothing to do.
  const victims: Pod[] = [];
  for (const candidate of potential) {
    const added = add(candidate);
    if (!isSuccess(added)) return failed(asError(added));
    if (isSuccess(fits())) continue;
    const removed = remove(candidate);
    if (!isSuccess(removed)) return failed(asError(removed));
    victims.push(candidate.pod);
  }
  return { status: success(), victims, numPDBViolations: 0 };
};
