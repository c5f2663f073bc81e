// kube-scheduler 1.33's default profile, by plugin name, with its score weights (ImageLocality,
// VolumeBinding and the other volume plugins left out: Kubenest has no volumes to place).
import type { WeightedPlugin } from '../runtime';

export const DEFAULT_PLUGINS: readonly WeightedPlugin[] = [
  { name: 'SchedulingGates', weight: 1 },
  { name: 'PrioritySort', weight: 1 },
  { name: 'NodeUnschedulable', weight: 1 },
  { name: 'NodeName', weight: 1 },
  { name: 'TaintToleration', weight: 3 },
  { name: 'NodeAffinity', weight: 2 },
  { name: 'NodePorts', weight: 1 },
  { name: 'NodeResourcesFit', weight: 1 },
  { name: 'PodTopologySpread', weight: 2 },
  { name: 'InterPodAffinity', weight: 2 },
  { name: 'DefaultPreemption', weight: 1 },
  { name: 'NodeResourcesBalancedAllocation', weight: 1 },
  { name: 'DefaultBinder', weight: 1 },
];
