import { AuthorizationAttributes } from './authorizer';
import { clusterAuthorizer } from './authorization.module';
import { controllerServiceAccount, KUBE_SCHEDULER_USER, serviceAccountGroups } from './controller-policy';
import { NodeGraph } from './node-graph';

const serviceAccount = (name: string) => ({
  name: controllerServiceAccount(name),
  groups: serviceAccountGroups('kube-system'),
});
const namespaceController = serviceAccount('namespace-controller');
const certificateController = serviceAccount('certificate-controller');
const manager = { name: 'system:kube-controller-manager', groups: ['system:authenticated'] };
const otherAccount = serviceAccount('replicaset-controller');
const scheduler = { name: KUBE_SCHEDULER_USER, groups: ['system:authenticated'] };

const request = (
  user: AuthorizationAttributes['user'],
  verb: string,
  over: Partial<AuthorizationAttributes>,
): AuthorizationAttributes => ({
  user,
  verb,
  apiGroup: '',
  resource: '',
  subresource: '',
  namespace: '',
  name: '',
  ...over,
});
const namespaces = (name = '', subresource = '') => ({ resource: 'namespaces', name, subresource });
const csrs = (name = '', subresource = '') => ({
  apiGroup: 'certificates.k8s.io',
  resource: 'certificatesigningrequests',
  name,
  subresource,
});
const leases = (name = '', namespace = 'kube-system') => ({
  apiGroup: 'coordination.k8s.io',
  resource: 'leases',
  namespace,
  name,
});
const pods = (namespace = 'x', name = '', subresource = '') => ({ resource: 'pods', namespace, name, subresource });
const deployments = (namespace = 'x', name = '') => ({ apiGroup: 'apps', resource: 'deployments', namespace, name });

describe('the controllers’ grants', () => {
  const authorizer = clusterAuthorizer(new NodeGraph());

  it.each([
    // system:kube-controller-manager: its Lease and the shared informers
    { name: 'manager creates a Lease in kube-system', a: request(manager, 'create', leases()), allowed: true },
    {
      name: 'manager renews its Lease',
      a: request(manager, 'update', leases('kube-controller-manager')),
      allowed: true,
    },
    { name: 'manager reads its Lease', a: request(manager, 'get', leases('kube-controller-manager')), allowed: true },
    {
      name: "manager takes the scheduler's Lease",
      a: request(manager, 'update', leases('kube-scheduler')),
      allowed: false,
    },
    { name: 'manager creates a Lease elsewhere', a: request(manager, 'create', leases('', 'default')), allowed: false },
    {
      name: 'manager deletes its Lease',
      a: request(manager, 'delete', leases('kube-controller-manager')),
      allowed: false,
    },
    { name: 'manager watches deployments', a: request(manager, 'watch', deployments('')), allowed: true },
    { name: 'manager lists secrets', a: request(manager, 'list', { resource: 'secrets' }), allowed: true },
    { name: 'manager deletes a deployment', a: request(manager, 'delete', deployments('x', 'd')), allowed: false },
    {
      name: 'manager records an event',
      a: request(manager, 'create', { resource: 'events', namespace: 'x' }),
      allowed: true,
    },
    // system:controller:namespace-controller
    {
      name: 'namespace controller watches namespaces',
      a: request(namespaceController, 'watch', namespaces()),
      allowed: true,
    },
    {
      name: 'namespace controller finalizes a namespace',
      a: request(namespaceController, 'update', namespaces('x', 'finalize')),
      allowed: true,
    },
    {
      name: 'namespace controller writes a namespace status',
      a: request(namespaceController, 'update', namespaces('x', 'status')),
      allowed: true,
    },
    {
      name: 'namespace controller deletes any namespaced object',
      a: request(namespaceController, 'delete', deployments('x', 'd')),
      allowed: true,
    },
    {
      name: 'namespace controller lists any resource',
      a: request(namespaceController, 'list', deployments()),
      allowed: true,
    },
    {
      name: 'namespace controller creates a deployment',
      a: request(namespaceController, 'create', deployments()),
      allowed: false,
    },
    {
      name: 'namespace controller updates a namespace spec',
      a: request(namespaceController, 'update', namespaces('x')),
      allowed: false,
    },
    // system:controller:certificate-controller
    { name: 'certificate controller watches CSRs', a: request(certificateController, 'watch', csrs()), allowed: true },
    {
      name: 'certificate controller approves through /approval',
      a: request(certificateController, 'update', csrs('x', 'approval')),
      allowed: true,
    },
    {
      name: 'certificate controller issues through /status',
      a: request(certificateController, 'update', csrs('x', 'status')),
      allowed: true,
    },
    {
      name: 'certificate controller updates a CSR spec',
      a: request(certificateController, 'update', csrs('x')),
      allowed: false,
    },
    {
      name: 'certificate controller deletes a namespace',
      a: request(certificateController, 'delete', namespaces('x')),
      allowed: false,
    },
    // system:kube-scheduler
    { name: 'scheduler watches pods', a: request(scheduler, 'watch', pods('')), allowed: true },
    { name: 'scheduler lists nodes', a: request(scheduler, 'list', { resource: 'nodes' }), allowed: true },
    { name: 'scheduler binds a pod', a: request(scheduler, 'create', pods('x', 'p', 'binding')), allowed: true },
    { name: 'scheduler writes a pod status', a: request(scheduler, 'patch', pods('x', 'p', 'status')), allowed: true },
    { name: 'scheduler deletes a victim', a: request(scheduler, 'delete', pods('x', 'p')), allowed: true },
    { name: 'scheduler updates a pod spec', a: request(scheduler, 'update', pods('x', 'p')), allowed: false },
    { name: 'scheduler creates a pod', a: request(scheduler, 'create', pods()), allowed: false },
    {
      name: 'scheduler reads PriorityClasses',
      a: request(scheduler, 'list', { apiGroup: 'scheduling.k8s.io', resource: 'priorityclasses' }),
      allowed: true,
    },
    {
      name: 'scheduler creates a PriorityClass',
      a: request(scheduler, 'create', { apiGroup: 'scheduling.k8s.io', resource: 'priorityclasses' }),
      allowed: false,
    },
    {
      name: 'scheduler reads replicasets',
      a: request(scheduler, 'watch', { apiGroup: 'apps', resource: 'replicasets' }),
      allowed: true,
    },
    {
      name: 'scheduler reads secrets',
      a: request(scheduler, 'get', { resource: 'secrets', name: 's' }),
      allowed: false,
    },
    {
      name: 'scheduler records an events.k8s.io event',
      a: request(scheduler, 'create', { apiGroup: 'events.k8s.io', resource: 'events', namespace: 'x' }),
      allowed: true,
    },
    { name: 'scheduler renews its Lease', a: request(scheduler, 'update', leases('kube-scheduler')), allowed: true },
    { name: 'scheduler creates a Lease in kube-system', a: request(scheduler, 'create', leases()), allowed: true },
    {
      name: "scheduler takes the controller manager's Lease",
      a: request(scheduler, 'update', leases('kube-controller-manager')),
      allowed: false,
    },
    // another service account in kube-system gets none of these
    {
      name: 'another account finalizes a namespace',
      a: request(otherAccount, 'update', namespaces('x', 'finalize')),
      allowed: false,
    },
    {
      name: 'another account approves a CSR',
      a: request(otherAccount, 'update', csrs('x', 'approval')),
      allowed: false,
    },
    {
      name: 'another account renews the Lease',
      a: request(otherAccount, 'update', leases('kube-controller-manager')),
      allowed: false,
    },
  ])('$name → $allowed', async ({ a, allowed }) => {
    expect((await authorizer.authorize(a)).allowed).toBe(allowed);
  });
});
