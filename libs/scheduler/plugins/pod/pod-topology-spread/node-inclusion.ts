// Which nodes a spread constraint counts, as kube's matchNodeInclusionPolicies: with
// nodeAffinityPolicy Honor (the default) only the nodes the pod's nodeSelector and required node
// affinity accept, with nodeTaintsPolicy Honor only the nodes whose NoSchedule/NoExecute taints
// it tolerates (Ignore, the default, counts tainted nodes too).
import type { Node, Pod } from '@kubenest/api/core/types';
import type { NodeMatcher } from '../../../framework/node-affinity';
import type { Toleration } from '../../../framework/tolerations';
import { doNotScheduleTaint, firstUntoleratedTaint } from '../../../framework/tolerations';
import type { SpreadConstraint } from './constraints';

export const hasUntoleratedTaint = (node: Node, tolerations: readonly Toleration[] | undefined): boolean =>
  firstUntoleratedTaint(node.spec?.taints ?? [], tolerations, doNotScheduleTaint) !== undefined;

export const nodeIncluded = (c: SpreadConstraint, pod: Pod, node: Node, affinity: NodeMatcher): boolean =>
  (c.nodeAffinityPolicy !== 'Honor' || affinity(node)) &&
  (c.nodeTaintsPolicy !== 'Honor' || !hasUntoleratedTaint(node, pod.spec?.tolerations));
