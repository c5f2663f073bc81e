// core/v1 Node: cluster-scoped, created by the node agent with its status, which it then
// writes through /status; the columns of `kubectl get nodes`.
import type { Strategy } from '@kubenest/registry';
import { FieldError, invalid, notSupported, required } from '@kubenest/apimachinery';
import { isQualifiedName, isValidLabelValue, nameIsDNSSubdomain } from '@kubenest/apimachinery/validation';
import { validateKubeFinalizerName } from '../../common/builtin-meta';
import { ageColumn, column } from '../../common/columns';
import { Node } from '../types';

const taintEffects = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'];
const rolePrefix = 'node-role.kubernetes.io/';
const roleLabel = 'kubernetes.io/role';

const validateTaints = (node: Node): FieldError[] =>
  (node.spec?.taints ?? []).flatMap((t, i) => {
    const at = `spec.taints[${i}]`;
    const errs = isQualifiedName(t.key ?? '').map((m) => invalid(`${at}.key`, t.key ?? '', m));
    errs.push(...isValidLabelValue(t.value ?? '').map((m) => invalid(`${at}.value`, t.value, m)));
    if (!t.effect) errs.push(required(`${at}.effect`));
    else if (!taintEffects.includes(t.effect)) errs.push(notSupported(`${at}.effect`, t.effect, taintEffects));
    return errs;
  });

// Allocatable defaults to capacity, as core/v1's defaulting does for a node's status.
const defaultAllocatable = (node: Node): void => {
  if (node.status?.capacity && !node.status.allocatable) node.status.allocatable = { ...node.status.capacity };
};

/** STATUS: Ready or NotReady (Unknown without the condition), then SchedulingDisabled when cordoned. */
export const nodeStatusCell = (node: Node): string => {
  const ready = (node.status?.conditions ?? []).find((c) => c.type === 'Ready');
  const parts = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
};

/** ROLES: from node-role.kubernetes.io/<role> labels and the kubernetes.io/role label, sorted. */
export const nodeRolesCell = (node: Node): string => {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries((node.metadata.labels ?? {}) as Record<string, string>)) {
    if (key.startsWith(rolePrefix) && key.length > rolePrefix.length) roles.add(key.slice(rolePrefix.length));
    else if (key === roleLabel && value) roles.add(value);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
};

const address = (node: Node, type: string): string =>
  node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';

export const nodeStrategy: Strategy<Node> = {
  kind: { group: '', version: 'v1', kind: 'Node', plural: 'nodes', singular: 'node', shortNames: ['no'] },
  namespaced: false,
  nameValidator: nameIsDNSSubdomain,
  validateFinalizerName: validateKubeFinalizerName,
  prepareForCreate: defaultAllocatable,
  validate: (node) => validateTaints(node),
  status: {
    // As kube's node status strategy: a status write may change metadata too, never spec.
    resetFields: { fields: ['spec'] },
    prepareForUpdate: defaultAllocatable,
  },
  columns: [
    column('Status', nodeStatusCell, { description: 'The status of the node' }),
    column('Roles', nodeRolesCell, { description: 'The roles of the node' }),
    ageColumn,
    column('Version', (node) => node.status?.nodeInfo?.kubeletVersion ?? '', {
      description: 'Kubelet Version reported by the node.',
    }),
    column('Internal-IP', (node) => address(node, 'InternalIP'), {
      priority: 1,
      description: 'The first internal IP of the node.',
    }),
    column('External-IP', (node) => address(node, 'ExternalIP'), {
      priority: 1,
      description: 'The first external IP of the node.',
    }),
    column('OS-Image', (node) => node.status?.nodeInfo?.osImage || '<unknown>', {
      priority: 1,
      description: 'OS Image reported by the node.',
    }),
    column('Kernel-Version', (node) => node.status?.nodeInfo?.kernelVersion || '<unknown>', {
      priority: 1,
      description: 'Kernel Version reported by the node.',
    }),
    column('Container-Runtime', (node) => node.status?.nodeInfo?.containerRuntimeVersion || '<unknown>', {
      priority: 1,
      description: 'ContainerRuntime Version reported by the node.',
    }),
  ],
  fieldSelectors: {
    'spec.unschedulable': (node) => String(node.spec?.unschedulable ?? false),
  },
};
