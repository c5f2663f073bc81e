// Strategic merge patch metadata of the built-in kinds we serve: which lists merge, by which key,
// and which fields nest which types. Written from the patchStrategy/patchMergeKey tags of k8s.io/api.

/** How one field of a type takes a strategic merge patch. */
export interface FieldPatchMeta {
  /** The field's type (a list's element type), when it has fields of its own to describe. */
  type?: string;
  /** `merge` merges lists (by `key` for objects, as a set for primitives); `replace` replaces maps. */
  strategy?: 'merge' | 'replace' | 'retainKeys' | 'merge,retainKeys';
  /** The patch merge key of a merged list of objects. */
  key?: string;
}

export type TypePatchMeta = Readonly<Record<string, FieldPatchMeta>>;

const merge = (key?: string, type?: string): FieldPatchMeta => ({ strategy: 'merge', key, type });
const mergeRetain = (key: string, type?: string): FieldPatchMeta => ({ strategy: 'merge,retainKeys', key, type });
const nested = (type: string): FieldPatchMeta => ({ type });
const conditions = merge('type');

/** Types by name; fields not listed merge as maps and replace as lists. */
export const patchTypes: Readonly<Record<string, TypePatchMeta>> = {
  ObjectMeta: { ownerReferences: merge('uid'), finalizers: merge() },
  PodTemplateSpec: { metadata: nested('ObjectMeta'), spec: nested('PodSpec') },
  PodSpec: {
    volumes: mergeRetain('name'),
    initContainers: merge('name', 'Container'),
    containers: merge('name', 'Container'),
    ephemeralContainers: merge('name', 'Container'),
    imagePullSecrets: merge('name'),
    hostAliases: merge('ip'),
    topologySpreadConstraints: merge('topologyKey'),
    schedulingGates: merge('name'),
    resourceClaims: mergeRetain('name'),
  },
  // EphemeralContainer shares Container's list tags (EphemeralContainerCommon).
  Container: {
    ports: merge('containerPort'),
    env: merge('name'),
    volumeMounts: merge('mountPath'),
    volumeDevices: merge('devicePath'),
  },
  PodStatus: {
    conditions,
    hostIPs: merge('ip'),
    podIPs: merge('ip'),
    resourceClaimStatuses: mergeRetain('name'),
    containerStatuses: nested('ContainerStatus'),
    initContainerStatuses: nested('ContainerStatus'),
    ephemeralContainerStatuses: nested('ContainerStatus'),
  },
  ContainerStatus: { volumeMounts: merge('mountPath'), allocatedResourcesStatus: merge('name') },
  WithConditions: { conditions },
  ServiceSpec: { ports: merge('port') },
  NodeSpec: { podCIDRs: merge() },
  NodeStatus: { conditions, addresses: merge('type') },
  WorkloadSpec: { template: nested('PodTemplateSpec') },
  DeploymentSpec: { template: nested('PodTemplateSpec'), strategy: { strategy: 'retainKeys' } },
  CronJobSpec: { jobTemplate: nested('JobTemplateSpec') },
  JobTemplateSpec: { metadata: nested('ObjectMeta'), spec: nested('WorkloadSpec') },
  PodDisruptionBudgetSpec: { selector: { strategy: 'replace' } },
};

const kindFields = (spec?: string, status?: string, extra: TypePatchMeta = {}): TypePatchMeta => ({
  metadata: nested('ObjectMeta'),
  ...(spec ? { spec: nested(spec) } : {}),
  ...(status ? { status: nested(status) } : {}),
  ...extra,
});

const kinds: Readonly<Record<string, TypePatchMeta>> = {
  '/Pod': kindFields('PodSpec', 'PodStatus'),
  '/PodTemplate': kindFields(undefined, undefined, { template: nested('PodTemplateSpec') }),
  '/ReplicationController': kindFields('WorkloadSpec', 'WithConditions'),
  '/Service': kindFields('ServiceSpec', 'WithConditions'),
  '/Node': kindFields('NodeSpec', 'NodeStatus'),
  '/Namespace': kindFields(undefined, 'WithConditions'),
  '/PersistentVolumeClaim': kindFields(undefined, 'WithConditions'),
  '/ServiceAccount': kindFields(undefined, undefined, { secrets: merge('name') }),
  '/Endpoints': kindFields(),
  '/ConfigMap': kindFields(),
  '/Secret': kindFields(),
  '/Event': kindFields(),
  '/LimitRange': kindFields(),
  '/ResourceQuota': kindFields(),
  '/PersistentVolume': kindFields(),
  '/Binding': kindFields(),
  'apps/Deployment': kindFields('DeploymentSpec', 'WithConditions'),
  'apps/ReplicaSet': kindFields('WorkloadSpec', 'WithConditions'),
  'apps/StatefulSet': kindFields('WorkloadSpec', 'WithConditions'),
  'apps/DaemonSet': kindFields('WorkloadSpec', 'WithConditions'),
  'apps/ControllerRevision': kindFields(),
  'batch/Job': kindFields('WorkloadSpec', 'WithConditions'),
  'batch/CronJob': kindFields('CronJobSpec'),
  'coordination.k8s.io/Lease': kindFields(),
  'events.k8s.io/Event': kindFields(),
  'autoscaling/Scale': kindFields(),
  'policy/PodDisruptionBudget': kindFields('PodDisruptionBudgetSpec', 'WithConditions'),
  'policy/Eviction': kindFields(),
  'rbac.authorization.k8s.io/Role': kindFields(),
  'rbac.authorization.k8s.io/ClusterRole': kindFields(),
  'rbac.authorization.k8s.io/RoleBinding': kindFields(),
  'rbac.authorization.k8s.io/ClusterRoleBinding': kindFields(),
  'scheduling.k8s.io/PriorityClass': kindFields(),
  'networking.k8s.io/NetworkPolicy': kindFields(),
  'networking.k8s.io/Ingress': kindFields(),
  'networking.k8s.io/IngressClass': kindFields(),
  'discovery.k8s.io/EndpointSlice': kindFields(),
  'storage.k8s.io/StorageClass': kindFields(),
  'certificates.k8s.io/CertificateSigningRequest': kindFields(),
};

/** The patch metadata of a built-in kind's top level, or undefined for kinds we have none for. */
export const patchMetaForKind = (gvk: { group: string; kind: string }): TypePatchMeta | undefined =>
  kinds[`${gvk.group}/${gvk.kind}`];

/** True when strategic merge patch knows the kind's list semantics (built-in kinds). */
export const hasStrategicMergePatchMeta = (gvk: { group: string; kind: string }): boolean =>
  patchMetaForKind(gvk) !== undefined;
