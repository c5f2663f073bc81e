// Keeps the NoSchedule taints that mirror a node's conditions and spec.unschedulable, as kube's
// doNoScheduleTaintingPass: added and removed at once, without a rate limit.
import type { Node } from '@kubenest/api/core/types';
import type { WriteNode } from './monitor-node-health.step';
import { withNoScheduleTaints } from './node-taints';

export const noScheduleTaints =
  (deps: { writeNode: WriteNode }) =>
  async (node: Node): Promise<void> => {
    if (!withNoScheduleTaints(node)) return;
    await deps.writeNode(node.metadata.name!, (current) => {
      const taints = withNoScheduleTaints(current);
      if (taints) current.spec = { ...current.spec, taints };
    });
  };
