import { StatusError } from '@kubenest/apimachinery';
import { AdmissionAttributes, Operation } from '@kubenest/registry';
import { NodeRestriction } from './node-restriction';

const node = { name: 'system:node:w1', groups: ['system:nodes', 'system:authenticated'] };
const admin = { name: 'kubenest-admin', groups: ['system:masters'] };
const kinds = {
  node: { group: '', version: 'v1', kind: 'Node', plural: 'nodes' },
  pod: { group: '', version: 'v1', kind: 'Pod', plural: 'pods' },
  lease: { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', plural: 'leases' },
  event: { group: '', version: 'v1', kind: 'Event', plural: 'events' },
};
const pod = (nodeName?: string) => ({ metadata: { name: 'p' }, spec: { nodeName } });
const nodeObject = (labels: Record<string, string>) => ({ metadata: { name: 'w1', labels } });
const unreachable = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
const nodeTaints = (taints: object[]) => ({ metadata: { name: 'w1' }, spec: { taints } });
const role = { 'node-role.kubernetes.io/master': '' };
const hostname = { 'kubernetes.io/hostname': 'w1' };

const attributes = (
  operation: Operation,
  kind: keyof typeof kinds,
  over: Partial<AdmissionAttributes> = {},
): AdmissionAttributes => ({
  operation,
  kind: kinds[kind],
  name: 'w1',
  user: node,
  dryRun: false,
  ...over,
});

describe('NodeRestriction', () => {
  const plugin = new NodeRestriction();

  it.each([
    { name: 'creating its Node', a: attributes('CREATE', 'node'), allowed: true },
    { name: 'creating another Node', a: attributes('CREATE', 'node', { name: 'w2' }), allowed: false },
    {
      name: 'updating another Node status',
      a: attributes('UPDATE', 'node', { name: 'w2', subresource: 'status' }),
      allowed: false,
    },
    {
      name: 'the admin creating any Node',
      a: attributes('CREATE', 'node', { name: 'w2', user: admin }),
      allowed: true,
    },
    { name: 'creating its Lease', a: attributes('CREATE', 'lease', { namespace: 'kube-node-lease' }), allowed: true },
    {
      name: 'creating another Lease',
      a: attributes('CREATE', 'lease', { namespace: 'kube-node-lease', name: 'w2' }),
      allowed: false,
    },
    {
      name: 'updating the status of its pod',
      a: attributes('UPDATE', 'pod', { name: 'p', subresource: 'status', object: pod('w1'), oldObject: pod('w1') }),
      allowed: true,
    },
    {
      name: "updating the status of another node's pod",
      a: attributes('UPDATE', 'pod', { name: 'p', subresource: 'status', object: pod('w1'), oldObject: pod('w2') }),
      allowed: false,
    },
    { name: 'deleting its pod', a: attributes('DELETE', 'pod', { name: 'p', oldObject: pod('w1') }), allowed: true },
    {
      name: 'deleting an unbound pod',
      a: attributes('DELETE', 'pod', { name: 'p', oldObject: pod() }),
      allowed: false,
    },
    { name: 'creating an event', a: attributes('CREATE', 'event', { name: 'e' }), allowed: true },
    {
      name: 'lifting the unreachable taint off its Node',
      a: attributes('UPDATE', 'node', { object: nodeTaints([]), oldObject: nodeTaints([unreachable]) }),
      allowed: false,
    },
    {
      name: 'tainting its Node',
      a: attributes('UPDATE', 'node', { object: nodeTaints([unreachable]), oldObject: nodeTaints([]) }),
      allowed: false,
    },
    {
      name: 'updating its Node, taints as they were',
      a: attributes('UPDATE', 'node', { object: nodeTaints([unreachable]), oldObject: nodeTaints([unreachable]) }),
      allowed: true,
    },
    {
      name: 'the admin lifting a taint',
      a: attributes('UPDATE', 'node', { user: admin, object: nodeTaints([]), oldObject: nodeTaints([unreachable]) }),
      allowed: true,
    },
    {
      name: "creating its Node with kubelet's labels",
      a: attributes('CREATE', 'node', { object: nodeObject(hostname) }),
      allowed: true,
    },
    {
      name: 'creating its Node with a role',
      a: attributes('CREATE', 'node', { object: nodeObject({ ...hostname, ...role }) }),
      allowed: false,
    },
    {
      name: 'adding a role to its Node',
      a: attributes('UPDATE', 'node', {
        object: nodeObject({ ...hostname, ...role }),
        oldObject: nodeObject(hostname),
      }),
      allowed: false,
    },
    {
      name: 'adding a role through nodes/status',
      a: attributes('UPDATE', 'node', {
        subresource: 'status',
        object: nodeObject(role),
        oldObject: nodeObject({}),
      }),
      allowed: false,
    },
    {
      name: 'removing a role an admin gave',
      a: attributes('UPDATE', 'node', {
        object: nodeObject(hostname),
        oldObject: nodeObject({ ...hostname, ...role }),
      }),
      allowed: false,
    },
    {
      name: 'updating its Node, keeping a role an admin gave',
      a: attributes('UPDATE', 'node', {
        object: nodeObject({ ...role, app: 'x' }),
        oldObject: nodeObject(role),
      }),
      allowed: true,
    },
    {
      name: 'the admin adding a role',
      a: attributes('UPDATE', 'node', { user: admin, object: nodeObject(role), oldObject: nodeObject({}) }),
      allowed: true,
    },
  ])('$name → allowed $allowed', async ({ a, allowed }) => {
    const outcome = await plugin.validate(a).then(
      () => true,
      (e: unknown) => {
        expect(StatusError.is(e) && e.code).toBe(403);
        return false;
      },
    );
    expect(outcome).toBe(allowed);
  });

  it('says which node may not change which', async () => {
    await expect(plugin.validate(attributes('UPDATE', 'node', { name: 'w2' }))).rejects.toThrow(
      'node "w1" is not allowed to modify node "w2"',
    );
  });

  it('words its refusals of restricted labels as kube does', async () => {
    const labels = { ...role, 'node-restriction.kubernetes.io/trusted': 'yes' };
    await expect(plugin.validate(attributes('CREATE', 'node', { object: nodeObject(labels) }))).rejects.toThrow(
      'nodes "w1" is forbidden: node "w1" is not allowed to set the following labels: ' +
        'node-restriction.kubernetes.io/trusted, node-role.kubernetes.io/master',
    );
    await expect(
      plugin.validate(attributes('UPDATE', 'node', { object: nodeObject(labels), oldObject: nodeObject({}) })),
    ).rejects.toThrow(
      'nodes "w1" is forbidden: is not allowed to modify labels: ' +
        'node-restriction.kubernetes.io/trusted, node-role.kubernetes.io/master',
    );
  });
});
