// The grants of kube-controller-manager and of the loops it runs, each loop as its own service
// account (as with --use-service-account-credentials), and of the scheduler, following kube's
// bootstrap ClusterRoles system:kube-controller-manager and system:kube-scheduler (policy.go) and
// system:controller:* (controller_policy.go).
import { SYSTEM_AUTHENTICATED } from '../authn/user-info';
import { PolicyBinding, PolicyRule } from './policy-rule';

export const KUBE_CONTROLLER_MANAGER_USER = 'system:kube-controller-manager';
/** The Lease kube-controller-manager's leader holds. */
const LEASE = 'kube-controller-manager';
export const KUBE_SCHEDULER_USER = 'system:kube-scheduler';
/** The Lease the scheduling leader holds. */
const SCHEDULER_LEASE = 'kube-scheduler';
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

const read = ['get', 'list', 'watch'];

// system:kube-scheduler, with what system:volume-scheduler adds and the PriorityClasses preemption reads.
const schedulerRules: readonly PolicyRule[] = [
  events,
  { verbs: ['create'], apiGroups: ['coordination.k8s.io'], resources: ['leases'], namespaces: [KUBE_SYSTEM] },
  {
    verbs: ['get', 'update'],
    apiGroups: ['coordination.k8s.io'],
    resources: ['leases'],
    namespaces: [KUBE_SYSTEM],
    resourceNames: [SCHEDULER_LEASE],
  },
  { verbs: read, apiGroups: [''], resources: ['nodes', 'namespaces'] },
  // Preemption deletes its victims.
  { verbs: [...read, 'delete'], apiGroups: [''], resources: ['pods'] },
  { verbs: ['create'], apiGroups: [''], resources: ['pods/binding', 'bindings'] },
  { verbs: ['patch', 'update'], apiGroups: [''], resources: ['pods/status'] },
  // What selects pods, for spreading.
  { verbs: read, apiGroups: [''], resources: ['services', 'replicationcontrollers'] },
  { verbs: read, apiGroups: ['apps', 'extensions'], resources: ['replicasets'] },
  { verbs: read, apiGroups: ['apps'], resources: ['statefulsets'] },
  // What pods use or what applies to them.
  { verbs: read, apiGroups: ['policy'], resources: ['poddisruptionbudgets'] },
  { verbs: read, apiGroups: [''], resources: ['persistentvolumeclaims', 'persistentvolumes'] },
  {
    verbs: read,
    apiGroups: ['storage.k8s.io'],
    resources: ['storageclasses', 'csinodes', 'csidrivers', 'csistoragecapacities'],
  },
  { verbs: read, apiGroups: ['scheduling.k8s.io'], resources: ['priorityclasses'] },
  { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'] },
  { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'] },
];

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
  // system:kube-scheduler: reads what placing pods needs, binds them, writes their status, preempts.
  { users: [KUBE_SCHEDULER_USER], rules: schedulerRules },
  // system:controller:deployment-controller: claims, creates, sizes and deletes ReplicaSets; reads pods (Recreate).
  {
    users: [controllerServiceAccount('deployment-controller')],
    rules: [
      { verbs: ['get', 'list', 'watch', 'update'], apiGroups: ['extensions', 'apps'], resources: ['deployments'] },
      {
        verbs: ['update'],
        apiGroups: ['extensions', 'apps'],
        resources: ['deployments/finalizers', 'deployments/status'],
      },
      {
        verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
        apiGroups: ['extensions', 'apps'],
        resources: ['replicasets'],
      },
      { verbs: ['get', 'list', 'watch', 'update'], apiGroups: [''], resources: ['pods'] },
      events,
    ],
  },
  // system:controller:replicaset-controller and replication-controller: keep the replicas of a
  // ReplicaSet or an RC (pods created, adopted by patch, deleted; the status through /status).
  ...(
    [
      ['replicaset-controller', ['apps', 'extensions'], 'replicasets'],
      ['replication-controller', [''], 'replicationcontrollers'],
    ] as const
  ).map(([account, apiGroups, resource]): PolicyBinding => ({
    users: [controllerServiceAccount(account)],
    rules: [
      { verbs: ['get', 'list', 'watch', 'update'], apiGroups: [...apiGroups], resources: [resource] },
      { verbs: ['update'], apiGroups: [...apiGroups], resources: [`${resource}/status`, `${resource}/finalizers`] },
      { verbs: ['list', 'watch', 'patch', 'create', 'delete'], apiGroups: [''], resources: ['pods'] },
      events,
    ],
  })),
  // system:controller:generic-garbage-collector: reads everything, deletes garbage, edits owners' finalizers and dependents' references.
  {
    users: [controllerServiceAccount('generic-garbage-collector')],
    rules: [
      { verbs: ['get', 'list', 'watch', 'patch', 'update', 'delete'], apiGroups: ['*'], resources: ['*'] },
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
  // system:controller:endpoint-controller: Endpoints from Services and their pods.
  {
    users: [controllerServiceAccount('endpoint-controller')],
    rules: [
      { verbs: read, apiGroups: [''], resources: ['services', 'pods'] },
      { verbs: ['get', 'list', 'create', 'update', 'delete'], apiGroups: [''], resources: ['endpoints'] },
      { verbs: ['create'], apiGroups: [''], resources: ['endpoints/restricted'] },
      events,
    ],
  },
  // system:controller:endpointslice-controller: EndpointSlices from Services, their pods and nodes.
  {
    users: [controllerServiceAccount('endpointslice-controller')],
    rules: [
      { verbs: read, apiGroups: [''], resources: ['services', 'pods', 'nodes'] },
      // Setting an ownerReference on a Service needs services/finalizers (OwnerReferencesPermissionEnforcement).
      { verbs: ['update'], apiGroups: [''], resources: ['services/finalizers'] },
      {
        verbs: ['get', 'list', 'create', 'update', 'delete'],
        apiGroups: ['discovery.k8s.io'],
        resources: ['endpointslices'],
      },
      events,
    ],
  },
  // system:controller:service-account-controller: a default ServiceAccount in every namespace.
  {
    users: [controllerServiceAccount('service-account-controller')],
    rules: [{ verbs: ['create'], apiGroups: [''], resources: ['serviceaccounts'] }, events],
  },
  // system:controller:root-ca-cert-publisher: the kube-root-ca.crt ConfigMap in every namespace.
  {
    users: [controllerServiceAccount('root-ca-cert-publisher')],
    rules: [{ verbs: ['create', 'update'], apiGroups: [''], resources: ['configmaps'] }, events],
  },
  // system:controller:pod-garbage-collector: deletes finished and orphaned pods, marking them Failed first.
  {
    users: [controllerServiceAccount('pod-garbage-collector')],
    rules: [
      { verbs: ['list', 'watch', 'delete'], apiGroups: [''], resources: ['pods'] },
      { verbs: ['get', 'list'], apiGroups: [''], resources: ['nodes'] },
      { verbs: ['patch'], apiGroups: [''], resources: ['pods/status'] },
    ],
  },
];
