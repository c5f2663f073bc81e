// The node's heartbeat Lease in kube-node-lease, as kubelet keeps it: named after the node, held
// by it for 40 s, owned by the Node object so it goes when the node is deleted.
import type { Backoff } from '@kubenest/apimachinery/wait';
import { Lease } from '../node/node-api';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
export const LEASE_DURATION_SECONDS = 40;
/** kubelet renews at a quarter of the duration. */
export const LEASE_RENEW_INTERVAL_MS = (LEASE_DURATION_SECONDS * 1000) / 4;
/** kubelet's lease controller retries failures from 200 ms up to 7 s. */
export const LEASE_BACKOFF: Backoff = { baseMs: 200, maxMs: 7000 };

/** metav1.MicroTime: RFC 3339 with microseconds. */
export const microTime = (ms: number): string => new Date(ms).toISOString().replace(/Z$/, '000Z');

export interface NodeRef {
  name: string;
  uid?: string;
}

export function newNodeLease(node: NodeRef, nowMs: number): Lease {
  return renewed(
    {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: node.name,
        namespace: NODE_LEASE_NAMESPACE,
        ownerReferences: node.uid ? [{ apiVersion: 'v1', kind: 'Node', name: node.name, uid: node.uid }] : undefined,
      },
      spec: {},
    },
    node,
    nowMs,
  );
}

/** A copy renewed now, held by this node (taking it back if someone else wrote it). */
export function renewed(lease: Lease, node: NodeRef, nowMs: number): Lease {
  const ownerReferences =
    lease.metadata.ownerReferences?.length || !node.uid
      ? lease.metadata.ownerReferences
      : [{ apiVersion: 'v1', kind: 'Node', name: node.name, uid: node.uid }];
  return {
    ...lease,
    metadata: { ...lease.metadata, ...(ownerReferences ? { ownerReferences } : {}) },
    spec: {
      ...lease.spec,
      holderIdentity: node.name,
      leaseDurationSeconds: LEASE_DURATION_SECONDS,
      renewTime: microTime(nowMs),
    },
  };
}
