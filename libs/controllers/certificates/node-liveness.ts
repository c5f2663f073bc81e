// Whether a node is alive, as kube's node lifecycle controller judges it: its Node exists and this
// apiserver saw its Lease in kube-node-lease renewed within the node monitor grace period (see
// lease-observations.ts), whatever time the node's own clock wrote into it.
import { ObjectGetter } from '../informer';
import { LeaseRenewal } from './lease-observations';

/** The last renewal of a live node's lease, as this apiserver saw it. */
export type LiveNode = LeaseRenewal;

/** The live node of this name, or undefined when there is none. */
export type NodeLiveness = (nodeName: string) => Promise<LiveNode | undefined>;

/** The node leases' renewals as seen so far, from the lease informer. */
export interface LeaseRenewals {
  /** Resolves once every lease that existed at start-up has been seen. */
  synced: Promise<void>;
  renewal(nodeName: string): LeaseRenewal | undefined;
  /** How long ago the node's lease was last seen renewed (ms), whether or not it is live. */
  sinceRenewalMs(nodeName: string): number | undefined;
}

export const nodeLiveness =
  (deps: { getNode: ObjectGetter; leases: LeaseRenewals }): NodeLiveness =>
  async (nodeName) => {
    // Before the informer has handed over every lease, a live node would look unrenewed.
    await deps.leases.synced;
    if (!(await deps.getNode(undefined, nodeName))) return undefined;
    return deps.leases.renewal(nodeName);
  };
