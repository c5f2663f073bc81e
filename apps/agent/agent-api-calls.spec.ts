import { StatusError } from '@kubenest/apimachinery';
import { mergePatchType } from '@kubenest/apimachinery/patch';
import { eventSink } from './events/event-sink';
import type { CoreV1Event } from './events/event-object';
import { Lease, nodeApi } from './node/node-api';
import { Node } from './node/node-object';
import { podSources, podStatusApi } from './pods/pod-api';
import type { Pod } from './pods/pod-types';
import { FakeResourceClient } from './testing/fake-resource-client';

const pod = { metadata: { namespace: 'ns1', name: 'p1', uid: 'u1' } } as Pod;
const lease = { metadata: { namespace: 'kube-node-lease', name: 'n1' } } as Lease;
const node = { metadata: { name: 'n1' } } as Node;
const event = { metadata: { namespace: 'ns1', name: 'p1.1' } } as CoreV1Event;

describe('the agent calls through ResourceClient', () => {
  it.each([
    {
      name: 'register a node',
      call: (c: FakeResourceClient) => nodeApi(c).createNode(node),
      want: { resource: 'nodes', verb: 'create', args: [node] },
    },
    {
      name: 'patch a node',
      call: (c: FakeResourceClient) => nodeApi(c).patchNode('n1', { spec: {} }),
      want: { resource: 'nodes', verb: 'patch', args: [undefined, 'n1', mergePatchType, { spec: {} }] },
    },
    {
      name: "merge-patch a node's status",
      call: (c: FakeResourceClient) => nodeApi(c).patchNodeStatus('n1', { phase: 'Running' }),
      want: {
        resource: 'nodes',
        verb: 'patch',
        args: [undefined, 'n1', mergePatchType, { status: { phase: 'Running' } }, { subresource: 'status' }],
      },
    },
    {
      name: 'read a Lease',
      call: (c: FakeResourceClient) => nodeApi(c).getLease('kube-node-lease', 'n1'),
      want: { resource: 'leases', verb: 'get', args: ['kube-node-lease', 'n1'] },
    },
    {
      name: 'renew a Lease',
      call: (c: FakeResourceClient) => nodeApi(c).updateLease(lease),
      want: { resource: 'leases', verb: 'update', args: [lease] },
    },
    {
      name: "merge-patch a pod's status",
      call: (c: FakeResourceClient) => podStatusApi(c).patchPodStatus(pod, { phase: 'Running' }),
      want: {
        resource: 'pods',
        verb: 'patch',
        args: ['ns1', 'p1', mergePatchType, { status: { phase: 'Running' } }, { subresource: 'status' }],
      },
    },
    {
      name: 'confirm a deletion with grace 0, for this uid only',
      call: (c: FakeResourceClient) => podStatusApi(c).confirmDeletion(pod),
      want: {
        resource: 'pods',
        verb: 'delete',
        args: ['ns1', 'p1', { gracePeriodSeconds: 0, preconditions: { uid: 'u1' } }],
      },
    },
    {
      name: "create an event in the pod's namespace",
      call: (c: FakeResourceClient) => eventSink(c).create('ns1', event),
      want: { resource: 'events', verb: 'create', args: [event] },
    },
    {
      name: "merge-patch a repeated event's count",
      call: (c: FakeResourceClient) => eventSink(c).patch('ns1', 'p1.1', { count: 2 }),
      want: { resource: 'events', verb: 'patch', args: ['ns1', 'p1.1', mergePatchType, { count: 2 }] },
    },
    {
      name: "list a namespace's services",
      call: (c: FakeResourceClient) => podSources(c).services('ns1'),
      want: { resource: 'services', verb: 'list', args: ['ns1'] },
    },
  ])('$name', async ({ call, want }) => {
    const client = new FakeResourceClient(() => ({ metadata: {}, items: [] }));
    await call(client);
    expect(client.calls).toEqual([want]);
  });

  it.each([
    {
      name: 'a missing ConfigMap is undefined',
      answer: StatusError.notFound({ group: '', resource: 'configmaps' }, 'c'),
      want: undefined,
    },
    { name: 'a ConfigMap found', answer: { metadata: { name: 'c' } }, want: { metadata: { name: 'c' } } },
  ])('$name', async ({ answer, want }) => {
    const client = new FakeResourceClient(() => answer);
    expect(await podSources(client).configMap('ns1', 'c')).toEqual(want);
  });

  it('passes on any other failure of a read', async () => {
    const client = new FakeResourceClient(() => StatusError.forbidden({ group: '', resource: 'secrets' }, 's', 'no'));
    await expect(podSources(client).secret('ns1', 's')).rejects.toMatchObject({ code: 403 });
  });
});
