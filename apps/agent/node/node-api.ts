// The Node and Lease calls a node makes, over any ResourceClient; steps take these functions so
// their tests can pass fakes.
import type { ILease } from 'kubernetes-models/coordination.k8s.io/v1/Lease';
import { mergePatchType } from '@kubenest/apimachinery/patch';
import { ResourceClient, resources } from '@kubenest/client';
import { Node, NodeStatus } from './node-object';

export type Lease = Omit<ILease, 'metadata'> & { metadata: NonNullable<ILease['metadata']> };

export interface NodeApi {
  createNode(node: Node): Promise<Node>;
  getNode(name: string): Promise<Node>;
  patchNode(name: string, patch: object): Promise<Node>;
  patchNodeStatus(name: string, status: NodeStatus): Promise<Node>;
  getLease(namespace: string, name: string): Promise<Lease>;
  createLease(lease: Lease): Promise<Lease>;
  updateLease(lease: Lease): Promise<Lease>;
}

export const nodeApi = (client: ResourceClient): NodeApi => {
  const nodes = client.resource<Node>(resources.nodes);
  const leases = client.resource<Lease>(resources.leases);
  return {
    createNode: (node) => nodes.create(node),
    getNode: (name) => nodes.get(undefined, name),
    patchNode: (name, patch) => nodes.patch(undefined, name, mergePatchType, patch),
    patchNodeStatus: (name, status) =>
      nodes.patch(undefined, name, mergePatchType, { status }, { subresource: 'status' }),
    getLease: (namespace, name) => leases.get(namespace, name),
    createLease: (lease) => leases.create(lease),
    updateLease: (lease) => leases.update(lease),
  };
};
