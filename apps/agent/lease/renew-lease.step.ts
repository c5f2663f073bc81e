// One lease renewal, as kubelet's lease controller does it: update the copy it last wrote; when
// that fails (conflict, gone), read the current lease or create it, then update that.
import { isStatus } from '../util/status-code';
import { Lease, NodeApi } from '../node/node-api';
import { NODE_LEASE_NAMESPACE, newNodeLease, NodeRef, renewed } from './node-lease';

export const renewLease =
  (deps: Pick<NodeApi, 'getLease' | 'createLease' | 'updateLease'>) =>
  async (latest: Lease | undefined, node: NodeRef, nowMs: number): Promise<Lease> => {
    if (latest) {
      try {
        return await deps.updateLease(renewed(latest, node, nowMs));
      } catch (e) {
        if (!isStatus(e, 409) && !isStatus(e, 404)) throw e;
      }
    }
    let current: Lease;
    try {
      current = await deps.getLease(NODE_LEASE_NAMESPACE, node.name);
    } catch (e) {
      if (!isStatus(e, 404)) throw e;
      return deps.createLease(newNodeLease(node, nowMs));
    }
    return deps.updateLease(renewed(current, node, nowMs));
  };
