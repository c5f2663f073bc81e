// PodTopologySpread's filter with kube's reasons: a node without a constraint's key can never
// take the pod (UnschedulableAndUnresolvable); one whose domain would exceed maxSkew over the
// global minimum may once pods move (Unschedulable).
import type { Node } from '@kubenest/api/core/types';
import { type Status, success, unresolvable, unschedulable } from '../../../framework/status';
import { nodeLabel } from '../shared/topology-pair';
import type { SpreadFilterState } from './pre-filter-state';

export const REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const REASON_MISSING_LABEL = `${REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

// One status each, shared by every node turned down (a status is never changed once answered).
const MISSING_LABEL = unresolvable(REASON_MISSING_LABEL);
const CONSTRAINTS_NOT_MATCH = unschedulable(REASON_CONSTRAINTS_NOT_MATCH);

export const filterNode = (state: SpreadFilterState, node: Node): Status => {
  for (let i = 0; i < state.constraints.length; i++) {
    const c = state.constraints[i];
    const value = nodeLabel(node, c.topologyKey);
    if (value === undefined) return MISSING_LABEL;
    const skew = (state.domainCounts[i].get(value) ?? 0) + state.selfMatch[i] - state.minMatchNum(i);
    if (skew > c.maxSkew) return CONSTRAINTS_NOT_MATCH;
  }
  return success();
};
