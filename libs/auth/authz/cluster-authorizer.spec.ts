import { AuthorizationAttributes } from './authorizer';
import { clusterAuthorizer } from './authorization.module';
import { NodeGraph } from './node-graph';

const admin = { name: 'kubenest-admin', groups: ['system:masters', 'system:authenticated'] };
const anonymous = { name: 'system:anonymous', groups: ['system:unauthenticated'] };
const bootstrapper = {
  name: 'system:bootstrap:abcdef',
  groups: ['system:bootstrappers', 'system:bootstrappers:kubeadm:default-node-token', 'system:authenticated'],
};
const node = { name: 'system:node:w1', groups: ['system:nodes', 'system:authenticated'] };
const notQuiteNode = { name: 'system:node:w1', groups: ['system:authenticated'] };

type Request = Partial<AuthorizationAttributes>;
const resource = (
  user: AuthorizationAttributes['user'],
  verb: string,
  over: Request = {},
): AuthorizationAttributes => ({
  user,
  verb,
  apiGroup: '',
  resource: 'pods',
  subresource: '',
  namespace: 'default',
  name: '',
  ...over,
});
const csrs = { apiGroup: 'certificates.k8s.io', resource: 'certificatesigningrequests', namespace: '' };
const clusterInfo = { resource: 'configmaps', namespace: 'kube-public', name: 'cluster-info' };
const nodes = (name = '', subresource = '') => ({ resource: 'nodes', namespace: '', name, subresource });
const lease = (name = '', namespace = 'kube-node-lease') => ({
  apiGroup: 'coordination.k8s.io',
  resource: 'leases',
  namespace,
  name,
});
const path = (p: string) => ({ resource: '', namespace: '', path: p });

describe('the cluster authorizer', () => {
  // w1 runs a pod naming secret s and config map c; w2 runs one naming secret t.
  const graph = new NodeGraph();
  graph.setPod({
    metadata: { namespace: 'default', name: 'p1' },
    spec: {
      nodeName: 'w1',
      containers: [{ name: 'c', envFrom: [{ secretRef: { name: 's' } }, { configMapRef: { name: 'c' } }] }],
    },
  });
  graph.setPod({
    metadata: { namespace: 'default', name: 'p2' },
    spec: { nodeName: 'w2', containers: [{ name: 'c', envFrom: [{ secretRef: { name: 't' } }] }] },
  });
  const authorizer = clusterAuthorizer(graph);

  it.each([
    // system:masters and public paths, as before
    { name: 'admin deletes anything', a: resource(admin, 'delete', nodes('w2')), allowed: true },
    { name: 'anyone reads /healthz', a: resource(anonymous, 'get', path('/healthz')), allowed: true },
    // anonymous discovery of the cluster
    { name: 'anonymous gets cluster-info', a: resource(anonymous, 'get', clusterInfo), allowed: true },
    {
      name: 'anonymous lists configmaps',
      a: resource(anonymous, 'list', { ...clusterInfo, name: '' }),
      allowed: false,
    },
    { name: 'anonymous updates cluster-info', a: resource(anonymous, 'update', clusterInfo), allowed: false },
    {
      name: 'anonymous gets another configmap',
      a: resource(anonymous, 'get', { ...clusterInfo, name: 'x' }),
      allowed: false,
    },
    {
      name: 'anonymous gets cluster-info elsewhere',
      a: resource(anonymous, 'get', { ...clusterInfo, namespace: 'default' }),
      allowed: false,
    },
    { name: 'anonymous reads /api', a: resource(anonymous, 'get', path('/api')), allowed: false },
    // bootstrap tokens
    { name: 'bootstrapper creates a CSR', a: resource(bootstrapper, 'create', csrs), allowed: true },
    { name: 'bootstrapper gets a CSR', a: resource(bootstrapper, 'get', { ...csrs, name: 'x' }), allowed: true },
    { name: 'bootstrapper watches CSRs', a: resource(bootstrapper, 'watch', csrs), allowed: true },
    { name: 'bootstrapper deletes a CSR', a: resource(bootstrapper, 'delete', { ...csrs, name: 'x' }), allowed: false },
    {
      name: 'bootstrapper approves a CSR',
      a: resource(bootstrapper, 'update', { ...csrs, name: 'x', subresource: 'status' }),
      allowed: false,
    },
    { name: 'bootstrapper lists pods', a: resource(bootstrapper, 'list'), allowed: false },
    {
      name: 'bootstrapper reads discovery',
      a: resource(bootstrapper, 'get', path('/apis/certificates.k8s.io/v1')),
      allowed: true,
    },
    // nodes
    { name: 'node lists nodes', a: resource(node, 'list', nodes()), allowed: true },
    { name: 'node creates a Node', a: resource(node, 'create', nodes()), allowed: true },
    { name: 'node patches its Node', a: resource(node, 'patch', nodes('w1')), allowed: true },
    { name: 'node patches its nodes/status', a: resource(node, 'patch', nodes('w1', 'status')), allowed: true },
    { name: "node patches another's Node", a: resource(node, 'patch', nodes('w2')), allowed: false },
    { name: "node updates another's status", a: resource(node, 'update', nodes('w2', 'status')), allowed: false },
    { name: 'node deletes its Node', a: resource(node, 'delete', nodes('w1')), allowed: true },
    { name: 'node creates a Lease', a: resource(node, 'create', lease()), allowed: true },
    { name: 'node updates its Lease', a: resource(node, 'update', lease('w1')), allowed: true },
    { name: "node updates another's Lease", a: resource(node, 'update', lease('w2')), allowed: false },
    { name: 'node updates a Lease elsewhere', a: resource(node, 'update', lease('w1', 'kube-system')), allowed: false },
    { name: 'node creates a Lease elsewhere', a: resource(node, 'create', lease('', 'kube-system')), allowed: false },
    { name: 'node watches pods', a: resource(node, 'watch', { namespace: '' }), allowed: true },
    {
      name: 'node updates pods/status',
      a: resource(node, 'update', { name: 'p', subresource: 'status' }),
      allowed: true,
    },
    { name: 'node deletes a pod', a: resource(node, 'delete', { name: 'p' }), allowed: true },
    { name: 'node creates a pod', a: resource(node, 'create'), allowed: false },
    { name: 'node updates a pod spec', a: resource(node, 'update', { name: 'p' }), allowed: false },
    { name: 'node binds a pod', a: resource(node, 'create', { name: 'p', subresource: 'binding' }), allowed: false },
    { name: "node gets its pod's secret", a: resource(node, 'get', { resource: 'secrets', name: 's' }), allowed: true },
    { name: 'node gets another secret', a: resource(node, 'get', { resource: 'secrets', name: 'x' }), allowed: false },
    {
      name: "node gets another node's pod's secret",
      a: resource(node, 'get', { resource: 'secrets', name: 't' }),
      allowed: false,
    },
    {
      name: 'node gets a bootstrap token secret',
      a: resource(node, 'get', { resource: 'secrets', namespace: 'kube-system', name: 'bootstrap-token-abcdef' }),
      allowed: false,
    },
    { name: 'node lists secrets', a: resource(node, 'list', { resource: 'secrets' }), allowed: false },
    {
      name: "node updates its pod's secret",
      a: resource(node, 'update', { resource: 'secrets', name: 's' }),
      allowed: false,
    },
    {
      name: "node gets its pod's configmap",
      a: resource(node, 'get', { resource: 'configmaps', name: 'c' }),
      allowed: true,
    },
    {
      name: 'node gets another configmap',
      a: resource(node, 'get', { resource: 'configmaps', name: 'x' }),
      allowed: false,
    },
    { name: 'node lists services', a: resource(node, 'list', { resource: 'services' }), allowed: true },
    { name: 'node watches endpoints', a: resource(node, 'watch', { resource: 'endpoints' }), allowed: true },
    { name: 'node creates an event', a: resource(node, 'create', { resource: 'events' }), allowed: true },
    {
      name: 'node creates an events.k8s.io event',
      a: resource(node, 'create', { apiGroup: 'events.k8s.io', resource: 'events' }),
      allowed: true,
    },
    { name: 'node creates a CSR', a: resource(node, 'create', csrs), allowed: true },
    {
      name: 'node deletes a namespace',
      a: resource(node, 'delete', { resource: 'namespaces', namespace: '', name: 'x' }),
      allowed: false,
    },
    { name: 'node reads discovery', a: resource(node, 'get', path('/api/v1')), allowed: true },
    { name: 'node opens its own tunnel', a: resource(node, 'get', path('/tunnel/v1/nodes/w1')), allowed: true },
    {
      name: 'node answers a stream on its own tunnel',
      a: resource(node, 'get', path('/tunnel/v1/nodes/w1/streams/s1')),
      allowed: true,
    },
    { name: "node opens another node's tunnel", a: resource(node, 'get', path('/tunnel/v1/nodes/w2')), allowed: false },
    {
      name: 'node opens a tunnel named like its own',
      a: resource(node, 'get', path('/tunnel/v1/nodes/w1x')),
      allowed: false,
    },
    { name: 'node posts to its own tunnel', a: resource(node, 'post', path('/tunnel/v1/nodes/w1')), allowed: false },
    {
      name: 'bootstrap token opens a tunnel',
      a: resource(bootstrapper, 'get', path('/tunnel/v1/nodes/w1')),
      allowed: false,
    },
    {
      name: 'a user named like a node, not in system:nodes',
      a: resource(notQuiteNode, 'list', nodes()),
      allowed: false,
    },
  ])('$name → $allowed', async ({ a, allowed }) => {
    expect((await authorizer.authorize(a)).allowed).toBe(allowed);
  });

  it.each([
    { a: resource(node, 'patch', nodes('w2')), reason: 'node "w1" can only patch its own nodes' },
    { a: resource(node, 'update', nodes('w2', 'status')), reason: 'node "w1" can only update its own nodes/status' },
    {
      a: resource(node, 'create', { resource: 'namespaces', namespace: '' }),
      reason: 'node "w1" is not allowed to create this resource',
    },
    {
      a: resource(node, 'get', { resource: 'secrets', name: 'x' }),
      reason: "no relationship found between node 'w1' and this object",
    },
    {
      a: resource(bootstrapper, 'list'),
      reason: 'only members of system:masters are authorized until RBAC is enabled',
    },
  ])('says why: $reason', async ({ a, reason }) => {
    expect(await authorizer.authorize(a)).toEqual({ allowed: false, reason });
  });
});
