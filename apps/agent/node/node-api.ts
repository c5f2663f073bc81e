// The Node and Lease calls a node makes, over any ApiClient; steps take these functions so
// their tests can pass fakes.
import type { ILease } from 'kubernetes-models/coordination.k8s.io/v1/Lease';
import { ApiClient } from '../client/api-client';
import { Node, NodeStatus } from './node-object';

export type Lease = ILease & { metadata: NonNullable<ILease['metadata']> };

export interface NodeApi {
  createNode(node: Node): Promise<Node>;
  getNode(name: string): Promise<Node>;
  patchNode(name: string, patch: object): Promise<Node>;
  patchNodeStatus(name: string, status: NodeStatus): Promise<Node>;
  getLease(namespace: string, name: string): Promise<Lease>;
  createLease(lease: Lease): Promise<Lease>;
  updateLease(lease: Lease): Promise<Lease>;
}

const NODES = '/api/v1/nodes';
const leases = (namespace: string) => `/apis/coordination.k8s.io/v1/namespaces/${namespace}/leases`;

export const nodeApi = (client: ApiClient): NodeApi => ({
  createNode: (node) => client.request({ method: 'POST', path: NODES, body: node }),
  getNode: (name) => client.request({ method: 'GET', path: `${NODES}/${name}` }),
  patchNode: (name, patch) => client.request({ method: 'PATCH', path: `${NODES}/${name}`, body: patch }),
  patchNodeStatus: (name, status) =>
    client.request({ method: 'PATCH', path: `${NODES}/${name}/status`, body: { status } }),
  getLease: (namespace, name) => client.request({ method: 'GET', path: `${leases(namespace)}/${name}` }),
  createLease: (lease) => client.request({ method: 'POST', path: leases(lease.metadata.namespace!), body: lease }),
  updateLease: (lease) =>
    client.request({ method: 'PUT', path: `${leases(lease.metadata.namespace!)}/${lease.metadata.name}`, body: lease }),
});
