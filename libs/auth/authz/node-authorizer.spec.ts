import { AuthorizationAttributes } from './authorizer';
import { NodeAuthorizer } from './node-authorizer';
import { NodeGraphView } from './node-graph';

const node = { name: 'system:node:w1', groups: ['system:nodes', 'system:authenticated'] };

/** w1 runs pods naming default/secret s, default/configmap c and default/serviceaccount sa. */
const graph: NodeGraphView = {
  references: (n, kind, namespace, name) =>
    n === 'w1' &&
    namespace === 'default' &&
    ['secret/s', 'configmap/c', 'serviceaccount/sa'].includes(`${kind}/${name}`),
};

const request = (
  verb: string,
  resource: string,
  over: Partial<AuthorizationAttributes> = {},
): AuthorizationAttributes => ({
  user: node,
  verb,
  apiGroup: '',
  resource,
  subresource: '',
  namespace: 'default',
  name: '',
  ...over,
});

const noRelationship = "no relationship found between node 'w1' and this object";

describe('NodeAuthorizer on what pods reference', () => {
  const authorizer = new NodeAuthorizer(graph);

  it.each([
    {
      name: 'get a referenced secret',
      a: request('get', 'secrets', { name: 's' }),
      allowed: true,
      reason: 'referenced by a pod',
    },
    {
      name: 'watch a referenced secret by name',
      a: request('watch', 'secrets', { name: 's' }),
      allowed: true,
      reason: 'referenced by a pod',
    },
    {
      name: 'get a referenced configmap',
      a: request('get', 'configmaps', { name: 'c' }),
      allowed: true,
      reason: 'referenced by a pod',
    },
    {
      name: 'get an unreferenced secret',
      a: request('get', 'secrets', { name: 'x' }),
      allowed: false,
      reason: noRelationship,
    },
    {
      name: 'get a same-named secret elsewhere',
      a: request('get', 'secrets', { name: 's', namespace: 'kube-system' }),
      allowed: false,
      reason: noRelationship,
    },
    {
      name: 'a secret named like a configmap',
      a: request('get', 'secrets', { name: 'c' }),
      allowed: false,
      reason: noRelationship,
    },
    { name: 'list secrets', a: request('list', 'secrets'), allowed: false, reason: 'No Object name found' },
    {
      name: 'update a referenced secret',
      a: request('update', 'secrets', { name: 's' }),
      allowed: false,
      reason: 'can only read resources of this type',
    },
    {
      name: 'create a secret',
      a: request('create', 'secrets'),
      allowed: false,
      reason: 'can only read resources of this type',
    },
    {
      name: 'a subresource',
      a: request('get', 'secrets', { name: 's', subresource: 'status' }),
      allowed: false,
      reason: 'cannot read subresource',
    },
    {
      name: 'across namespaces',
      a: request('list', 'configmaps', { namespace: '' }),
      allowed: false,
      reason: 'can only read namespaced object of this type',
    },
    {
      name: "a token for its pod's service account",
      a: request('create', 'serviceaccounts', { name: 'sa', subresource: 'token' }),
      allowed: true,
      reason: 'referenced by a pod',
    },
    {
      name: 'a token for another service account',
      a: request('create', 'serviceaccounts', { name: 'default', subresource: 'token' }),
      allowed: false,
      reason: noRelationship,
    },
    {
      name: "get its pod's service account",
      a: request('get', 'serviceaccounts', { name: 'sa' }),
      allowed: false,
      reason: 'can only create tokens for individual service accounts',
    },
    {
      name: 'create a service account',
      a: request('create', 'serviceaccounts', { name: 'sa' }),
      allowed: false,
      reason: 'can only create token subresource of serviceaccount',
    },
    {
      name: 'secrets of another API group are left to the rules',
      a: request('get', 'secrets', { apiGroup: 'example.com', name: 's' }),
      allowed: false,
      reason: 'node "w1" is not allowed to get this resource',
    },
  ])('$name → $allowed', async ({ a, allowed, reason }) => {
    expect(await authorizer.authorize(a)).toEqual({ allowed, reason });
  });

  it('has no opinion on users that are no node', async () => {
    const bob = { name: 'bob', groups: ['system:authenticated'] };
    expect(await authorizer.authorize(request('get', 'secrets', { user: bob, name: 's' }))).toEqual({
      allowed: false,
      reason: '',
    });
  });
});
