import { KubeObject, StatusError } from '@kubenest/apimachinery';
import { mergePatchType } from '@kubenest/apimachinery/patch';
import { ResourceRef, resources } from '@kubenest/client';
import { FakeResourceClient } from '@kubenest/client/testing';
import { Lease, nodeApi } from './node/node-api';
import { Node } from './node/node-object';
import { podSources, podStatusApi } from './pods/pod-api';
import type { Pod } from './pods/pod-types';

const pod = { metadata: { namespace: 'ns1', name: 'p1', uid: 'u1' } } as Pod;
const lease = { metadata: { namespace: 'kube-node-lease', name: 'n1' } } as Lease;
const node = { metadata: { name: 'n1' } } as Node;

describe('the agent calls through ResourceClient', () => {
  it.each<{
    name: string;
    existing?: [ResourceRef, KubeObject];
    call: (c: FakeResourceClient) => Promise<unknown>;
    want: object;
  }>([
    {
      name: 'register a node',
      call: (c) => nodeApi(c).createNode(node),
      want: { resource: resources.nodes, verb: 'create', object: node },
    },
    {
      name: 'patch a node',
      existing: [resources.nodes, node],
      call: (c) => nodeApi(c).patchNode('n1', { spec: {} }),
      want: { resource: resources.nodes, verb: 'patch', name: 'n1', patchType: mergePatchType, patch: { spec: {} } },
    },
    {
      name: "merge-patch a node's status",
      existing: [resources.nodes, node],
      call: (c) => nodeApi(c).patchNodeStatus('n1', { phase: 'Running' }),
      want: {
        resource: resources.nodes,
        verb: 'patch',
        name: 'n1',
        patchType: mergePatchType,
        patch: { status: { phase: 'Running' } },
        subresource: 'status',
      },
    },
    {
      name: 'read a Lease',
      existing: [resources.leases, lease],
      call: (c) => nodeApi(c).getLease('kube-node-lease', 'n1'),
      want: { resource: resources.leases, verb: 'get', namespace: 'kube-node-lease', name: 'n1' },
    },
    {
      name: 'renew a Lease',
      existing: [resources.leases, lease],
      call: (c) => nodeApi(c).updateLease(lease),
      want: { resource: resources.leases, verb: 'update', namespace: 'kube-node-lease', name: 'n1', object: lease },
    },
    {
      name: "merge-patch a pod's status",
      existing: [resources.pods, pod],
      call: (c) => podStatusApi(c).patchPodStatus(pod, { phase: 'Running' }),
      want: {
        resource: resources.pods,
        verb: 'patch',
        namespace: 'ns1',
        name: 'p1',
        patchType: mergePatchType,
        patch: { status: { phase: 'Running' } },
        subresource: 'status',
      },
    },
    {
      name: 'confirm a deletion with grace 0, for this uid only',
      existing: [resources.pods, pod],
      call: (c) => podStatusApi(c).confirmDeletion(pod),
      want: {
        resource: resources.pods,
        verb: 'delete',
        namespace: 'ns1',
        name: 'p1',
        deleteOptions: { gracePeriodSeconds: 0, preconditions: { uid: 'u1' } },
      },
    },
    {
      name: "list a namespace's services",
      call: (c) => podSources(c).services('ns1'),
      want: { resource: resources.services, verb: 'list', namespace: 'ns1' },
    },
  ])('$name', async ({ existing, call, want }) => {
    const client = new FakeResourceClient();
    if (existing) client.seed(...existing);
    await call(client);
    expect(client.actions).toEqual([want]);
  });

  it.each([
    { name: 'a missing ConfigMap is undefined', existing: [], want: undefined },
    { name: 'a ConfigMap found', existing: [{ metadata: { namespace: 'ns1', name: 'c' } }], want: { name: 'c' } },
  ])('$name', async ({ existing, want }) => {
    const client = new FakeResourceClient();
    client.seed(resources.configMaps, ...existing);
    const found = await podSources(client).configMap('ns1', 'c');
    expect(found && { name: found.metadata?.name }).toEqual(want);
  });

  it('passes on any other failure of a read', async () => {
    const client = new FakeResourceClient();
    client.addReactor(() => {
      throw StatusError.forbidden({ group: '', resource: 'secrets' }, 's', 'no');
    });
    await expect(podSources(client).secret('ns1', 's')).rejects.toMatchObject({ code: 403 });
  });
});
