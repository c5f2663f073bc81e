// The grants of kube-controller-manager and of the loops it runs, each loop as its own service
// account (as with --use-service-account-credentials), following kube's bootstrap ClusterRoles
// system:kube-controller-manager (policy.go) and system:controller:* (controller_policy.go).
import { SYSTEM_AUTHENTICATED } from '../authn/user-info';
import { PolicyBinding, PolicyRule } from './policy-rule';

export const KUBE_CONTROLLER_MANAGER_USER = 'system:kube-controller-manager';
/** The Lease kube-controller-manager's leader holds. */
const LEASE = 'kube-controller-manager';
const KUBE_SYSTEM = 'kube-system';

/** The user a loop's service account in kube-system authenticates as. */
export const controllerServiceAccount = (name: string): string => `system:serviceaccount:${KUBE_SYSTEM}:${name}`;

/** The groups kube's service account authenticator gives a service account's user, as service-account-token does. */
export const serviceAccountGroups = (namespace: string): string[] => [
  'system:serviceaccounts',
  `system:serviceaccounts:${namespace}`,
  SYSTEM_AUTHENTICATED,
];

// kube's eventsRule(): recorders create events and patch or update them to count repeats.
const events: PolicyRule = {
  verbs: ['create', 'update', 'patch'],
  apiGroups: ['', 'events.k8s.io'],
  resources: ['events'],
};

export const controllerPolicy: readonly PolicyBinding[] = [
  // system:kube-controller-manager: its Lease, and list/watch of everything for the shared informers.
  {
    users: [KUBE_CONTROLLER_MANAGER_USER],
    rules: [
      events,
      { verbs: ['create'], apiGroups: ['coordination.k8s.io'], resources: ['leases'], namespaces: [KUBE_SYSTEM] },
      {
        verbs: ['get', 'update'],
        apiGroups: ['coordination.k8s.io'],
        resources: ['leases'],
        namespaces: [KUBE_SYSTEM],
        resourceNames: [LEASE],
      },
      { verbs: ['get'], apiGroups: [''], resources: ['configmaps', 'namespaces', 'secrets', 'serviceaccounts'] },
      { verbs: ['list', 'watch'], apiGroups: ['*'], resources: ['*'] },
    ],
  },
  // system:controller:namespace-controller: empties namespaces being deleted, then finalizes them.
  {
    users: [controllerServiceAccount('namespace-controller')],
    rules: [
      { verbs: ['get', 'list', 'watch', 'delete'], apiGroups: [''], resources: ['namespaces'] },
      { verbs: ['update'], apiGroups: [''], resources: ['namespaces/finalize', 'namespaces/status'] },
      { verbs: ['get', 'list', 'delete', 'deletecollection'], apiGroups: ['*'], resources: ['*'] },
    ],
  },
  // system:controller:certificate-controller: csrapproving (through /approval) and csrsigning (through /status).
  {
    users: [controllerServiceAccount('certificate-controller')],
    rules: [
      {
        verbs: ['get', 'list', 'watch', 'delete'],
        apiGroups: ['certificates.k8s.io'],
        resources: ['certificatesigningrequests'],
      },
      {
        verbs: ['update'],
        apiGroups: ['certificates.k8s.io'],
        resources: ['certificatesigningrequests/approval', 'certificatesigningrequests/status'],
      },
      events,
    ],
  },
  // system:controller:node-controller: the node lifecycle loop (node status, taints, pods not ready)
  // and the taint eviction loop, which kube runs under this account too.
  {
    users: [controllerServiceAccount('node-controller')],
    rules: [
      { verbs: ['get', 'list', 'update', 'delete', 'patch'], apiGroups: [''], resources: ['nodes'] },
      { verbs: ['patch', 'update'], apiGroups: [''], resources: ['nodes/status', 'pods/status'] },
      { verbs: ['list', 'get', 'delete'], apiGroups: [''], resources: ['pods'] },
      events,
    ],
  },
];
