// The kinds a protobuf request body may carry: apiVersion and kind → the message its `raw` bytes hold.

const served: Record<string, Record<string, string>> = {
  v1: {
    Namespace: 'core.v1.Namespace',
    Pod: 'core.v1.Pod',
    Node: 'core.v1.Node',
    Service: 'core.v1.Service',
    Endpoints: 'core.v1.Endpoints',
    ConfigMap: 'core.v1.ConfigMap',
    Secret: 'core.v1.Secret',
    ServiceAccount: 'core.v1.ServiceAccount',
    Event: 'core.v1.Event',
    ResourceQuota: 'core.v1.ResourceQuota',
    Binding: 'core.v1.Binding',
    ReplicationController: 'core.v1.ReplicationController',
  },
  'apps/v1': { Deployment: 'apps.v1.Deployment', ReplicaSet: 'apps.v1.ReplicaSet' },
  'autoscaling/v1': { Scale: 'autoscaling.v1.Scale' },
  'batch/v1': { Job: 'batch.v1.Job', CronJob: 'batch.v1.CronJob' },
  'certificates.k8s.io/v1': { CertificateSigningRequest: 'certificates.v1.CertificateSigningRequest' },
  'coordination.k8s.io/v1': { Lease: 'coordination.v1.Lease' },
  'discovery.k8s.io/v1': { EndpointSlice: 'discovery.v1.EndpointSlice' },
  'events.k8s.io/v1': { Event: 'events.v1.Event' },
  'authorization.k8s.io/v1': {
    SelfSubjectAccessReview: 'authorization.v1.SelfSubjectAccessReview',
    SelfSubjectRulesReview: 'authorization.v1.SelfSubjectRulesReview',
  },
  'authentication.k8s.io/v1': {
    SelfSubjectReview: 'authentication.v1.SelfSubjectReview',
    TokenRequest: 'authentication.v1.TokenRequest',
  },
  'rbac.authorization.k8s.io/v1': {
    Role: 'rbac.v1.Role',
    RoleBinding: 'rbac.v1.RoleBinding',
    ClusterRole: 'rbac.v1.ClusterRole',
    ClusterRoleBinding: 'rbac.v1.ClusterRoleBinding',
  },
  'policy/v1': { PodDisruptionBudget: 'policy.v1.PodDisruptionBudget', Eviction: 'policy.v1.Eviction' },
  'scheduling.k8s.io/v1': { PriorityClass: 'scheduling.v1.PriorityClass' },
  'meta.k8s.io/v1': {},
};

// Like kube-apiserver's scheme, every group-version also accepts the meta/v1 option kinds.
const optionKinds: Record<string, string> = { DeleteOptions: 'meta.v1.DeleteOptions' };

export interface ProtobufKind {
  apiVersion: string;
  kind: string;
}

/** The message holding `kind` in `apiVersion`, or undefined when that pair is not registered. */
export const messageForKind = (apiVersion: string, kind: string): string | undefined => {
  const kinds = served[apiVersion];
  return kinds && (kinds[kind] ?? optionKinds[kind]);
};

export const protobufKinds = (): ProtobufKind[] =>
  Object.entries(served).flatMap(([apiVersion, kinds]) =>
    [...Object.keys(kinds), ...Object.keys(optionKinds)].map((kind) => ({ apiVersion, kind })),
  );
