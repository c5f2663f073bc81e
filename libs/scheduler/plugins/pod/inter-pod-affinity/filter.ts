// InterPodAffinity's filter on the pre-filter's counts, with kube's reasons and codes: a missed
// affinity cannot be fixed by preemption (UnschedulableAndUnresolvable), an anti-affinity clash
// can, by evicting the pods it clashes with (Unschedulable).
import type { Node } from '@kubenest/api/core/types';
import { type Status, success, unresolvable, unschedulable } from '../../../framework/status';
import { nodeLabel } from '../shared/topology-pair';
import { matchesAllTerms } from './incoming-pod';
import type { InterPodAffinityState } from './pre-filter-state';

export const REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
export const REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";

/**
 * Every affinity term's topology key must be on the node and some matching pod in its domain.
 * When no pod anywhere matches and the pod matches its own terms, it is the first of its group
 * and may go anywhere with the keys, or the group could never start.
 */
const satisfiesAffinity = (state: InterPodAffinityState, node: Node): boolean => {
  const terms = state.incoming.info.requiredAffinityTerms;
  let podsExist = true;
  for (const term of terms) {
    const value = nodeLabel(node, term.topologyKey);
    if (value === undefined) return false;
    if (state.affinityCounts.get(term.topologyKey, value) <= 0) podsExist = false;
  }
  return podsExist || (state.affinityCounts.size === 0 && matchesAllTerms(terms, state.incoming.pod));
};

const satisfiesAntiAffinity = (state: InterPodAffinityState, node: Node): boolean => {
  if (state.antiAffinityCounts.size === 0) return true;
  for (const term of state.incoming.info.requiredAntiAffinityTerms) {
    if (state.antiAffinityCounts.onNode(node, term.topologyKey) > 0) return false;
  }
  return true;
};

const satisfiesExistingAntiAffinity = (state: InterPodAffinityState, node: Node): boolean => {
  if (state.existingAntiAffinityCounts.size === 0) return true;
  for (const key of state.existingAntiAffinityCounts.keys())
    if (state.existingAntiAffinityCounts.onNode(node, key) > 0) return false;
  return true;
};

export const filterNode = (state: InterPodAffinityState, node: Node): Status => {
  if (!satisfiesAffinity(state, node)) return unresolvable(REASON_AFFINITY);
  if (!satisfiesAntiAffinity(state, node)) return unschedulable(REASON_ANTI_AFFINITY);
  if (!satisfiesExistingAntiAffinity(state, node)) return unschedulable(REASON_EXISTING_ANTI_AFFINITY);
  return success();
};
