// The plugins that look at the node itself: its name, labels, taints, resources and host ports.
import type { PluginFactory } from '../../framework';
import { NODE_AFFINITY, newNodeAffinity } from './node-affinity';
import { NODE_NAME, newNodeName } from './node-name';
import { NODE_PORTS, newNodePorts } from './node-ports';
import {
  NODE_RESOURCES_BALANCED_ALLOCATION,
  newNodeResourcesBalancedAllocation,
} from './node-resources-balanced-allocation';
import { NODE_RESOURCES_FIT, newNodeResourcesFit } from './node-resources-fit';
import { NODE_UNSCHEDULABLE, newNodeUnschedulable } from './node-unschedulable';
import { TAINT_TOLERATION, newTaintToleration } from './taint-toleration';

export const nodePlugins: Record<string, PluginFactory> = {
  [NODE_UNSCHEDULABLE]: newNodeUnschedulable,
  [NODE_NAME]: newNodeName,
  [TAINT_TOLERATION]: newTaintToleration,
  [NODE_AFFINITY]: newNodeAffinity,
  [NODE_PORTS]: newNodePorts,
  [NODE_RESOURCES_FIT]: newNodeResourcesFit,
  [NODE_RESOURCES_BALANCED_ALLOCATION]: newNodeResourcesBalancedAllocation,
};

// What other plugins weigh the same way (preemption's what-ifs).
export { nodeTaints } from './node-taints';
export { insufficientResources } from './node-resources-fit';
