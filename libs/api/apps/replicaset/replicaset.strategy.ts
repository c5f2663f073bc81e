// apps/v1 ReplicaSet: one replica by default, a fixed selector matching the template,
// /status, /scale, and the columns of `kubectl get replicasets`.
import type { Strategy } from '@kubenest/registry';
import { nameIsDNSSubdomain } from '@kubenest/apimachinery/validation';
import { validateKubeFinalizerName } from '../../common/builtin-meta';
import { ageColumn, column, containerCells } from '../../common/columns';
import { defaultPodSpec } from '../../core/pod-spec-defaults';
import { ReplicaSet } from '../types';
import { formatLabelSelector, selectorString } from '../workload-selector';
import { validateSelectorUpdate, validateWorkloadSpec } from '../workload-validation';

const defaultReplicaSet = (rs: ReplicaSet): void => {
  const spec = (rs.spec ??= {} as NonNullable<ReplicaSet['spec']>);
  spec.replicas ??= 1;
  if (spec.template?.spec) defaultPodSpec(spec.template.spec);
};

export const replicaSetStrategy: Strategy<ReplicaSet> = {
  kind: {
    group: 'apps',
    version: 'v1',
    kind: 'ReplicaSet',
    plural: 'replicasets',
    singular: 'replicaset',
    shortNames: ['rs'],
    categories: ['all'],
  },
  namespaced: true,
  nameValidator: nameIsDNSSubdomain,
  validateFinalizerName: validateKubeFinalizerName,
  generationTracked: true,
  prepareForCreate: (rs) => {
    defaultReplicaSet(rs);
    rs.status = { replicas: 0 };
  },
  prepareForUpdate: defaultReplicaSet,
  validate: (rs) => validateWorkloadSpec(rs.spec, 'replicaset'),
  validateUpdate: (rs, old) => validateSelectorUpdate(rs.spec, old.spec),
  status: {},
  scale: {
    specReplicas: (rs) => rs.spec?.replicas ?? 0,
    setSpecReplicas: (rs, replicas) => {
      if (rs.spec) rs.spec.replicas = replicas;
    },
    statusReplicas: (rs) => rs.status?.replicas ?? 0,
    selector: (rs) => selectorString(rs.spec?.selector) ?? '',
  },
  columns: [
    column('Desired', (rs) => rs.spec?.replicas ?? 0, {
      type: 'integer',
      description: 'Replicas is the number of desired pods.',
    }),
    column('Current', (rs) => rs.status?.replicas ?? 0, {
      type: 'integer',
      description: 'Replicas is the most recently observed number of replicas.',
    }),
    column('Ready', (rs) => rs.status?.readyReplicas ?? 0, {
      type: 'integer',
      description: 'The number of ready replicas for this replica set.',
    }),
    ageColumn,
    column('Containers', (rs) => containerCells(rs.spec?.template?.spec?.containers).names, {
      priority: 1,
      description: 'Names of each container in the template.',
    }),
    column('Images', (rs) => containerCells(rs.spec?.template?.spec?.containers).images, {
      priority: 1,
      description: 'Images referenced by each container in the template.',
    }),
    column('Selector', (rs) => formatLabelSelector(rs.spec?.selector), {
      priority: 1,
      description: 'Label selector for pods.',
    }),
  ],
  fieldSelectors: {
    'status.replicas': (rs) => String(rs.status?.replicas ?? 0),
  },
};
