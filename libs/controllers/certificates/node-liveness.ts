// Whether a node is alive, as kube's node lifecycle controller judges it: its Node exists and the
// Lease its kubelet renews in kube-node-lease has not run out (renewTime + leaseDurationSeconds;
// 40 s, kubelet's duration and the node monitor grace period, when the lease names none).
import type { Lease } from '@kubenest/api/coordination/lease.strategy';
import { NODE_LEASE_NAMESPACE } from '@kubenest/auth/authz';
import { ObjectGetter } from '../informer';

export const DEFAULT_NODE_LEASE_SECONDS = 40;

export interface LiveNode {
  renewTime: Date;
  /** When the lease runs out unless renewed: from then on the node may rejoin. */
  expires: Date;
}

/** The live node of this name, or undefined when there is none. */
export type NodeLiveness = (nodeName: string) => Promise<LiveNode | undefined>;

/** When the lease was last renewed and until when it holds; undefined if never renewed. */
export const leaseTerm = (lease: Lease): LiveNode | undefined => {
  const renewed = Date.parse(lease.spec?.renewTime ?? '');
  if (Number.isNaN(renewed)) return undefined;
  const seconds = lease.spec?.leaseDurationSeconds ?? DEFAULT_NODE_LEASE_SECONDS;
  return { renewTime: new Date(renewed), expires: new Date(renewed + seconds * 1000) };
};

export const nodeLiveness =
  (deps: { getNode: ObjectGetter; getLease: ObjectGetter; now: () => Date }): NodeLiveness =>
  async (nodeName) => {
    if (!(await deps.getNode(undefined, nodeName))) return undefined;
    const lease = (await deps.getLease(NODE_LEASE_NAMESPACE, nodeName)) as Lease | undefined;
    const term = lease && leaseTerm(lease);
    return term && term.expires > deps.now() ? term : undefined;
  };
