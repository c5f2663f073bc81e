// core/v1 ReplicationController: the ReplicaSet's forerunner, its selector a plain label map. As
// kube-apiserver: the selector defaults to the template's labels (and the labels to the selector),
// one replica by default, /status, /scale, and the columns of `kubectl get rc`.
import type { Strategy } from '@kubenest/registry';
import { FieldError, forbidden, invalid, notSupported, required } from '@kubenest/apimachinery';
import { nameIsDNSSubdomain, validateLabels, validateNonnegativeField } from '@kubenest/apimachinery/validation';
import { labelSelectorOf } from '@kubenest/apimachinery/selectors';
import { validateKubeFinalizerName } from '../../common/builtin-meta';
import { ageColumn, column, containerCells } from '../../common/columns';
import { defaultPodSpec } from '../pod-spec-defaults';
import { validatePodTemplateSpec } from '../pod-spec-validation';
import { ReplicationController } from '../types';

type Selector = Record<string, string>;

const defaultReplicationController = (rc: ReplicationController): void => {
  const spec = (rc.spec ??= {});
  const labels = spec.template?.metadata?.labels as Selector | undefined;
  if (spec.template && (!spec.selector || !Object.keys(spec.selector).length) && labels) spec.selector = { ...labels };
  if (spec.template && spec.selector && (!labels || !Object.keys(labels).length)) {
    spec.template.metadata = { ...(spec.template.metadata ?? {}), labels: { ...spec.selector } };
  }
  spec.replicas ??= 1;
  if (spec.template?.spec) defaultPodSpec(spec.template.spec);
};

/** labels.SelectorFromSet(selector).String(): `a=b,c=d`, keys sorted. */
const selectorText = (selector: Selector | undefined): string =>
  labelSelectorOf(
    Object.entries(selector ?? {}).map(([key, value]) => ({ key, operator: '=', values: [value] })),
  ).toString();

const matchesSelector = (selector: Selector, labels: Selector): boolean =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/** kube's ValidateReplicationControllerSpec. */
export const validateReplicationControllerSpec = (spec: ReplicationController['spec']): FieldError[] => {
  if (!spec) return [required('spec')];
  const errs: FieldError[] = [
    ...validateNonnegativeField(spec.replicas ?? 0, 'spec.replicas'),
    ...validateNonnegativeField(spec.minReadySeconds ?? 0, 'spec.minReadySeconds'),
  ];
  const selector = (spec.selector ?? {}) as Selector;
  if (!Object.keys(selector).length) errs.push(required('spec.selector'));
  else errs.push(...validateLabels(selector, 'spec.selector'));
  const template = spec.template;
  if (!template) return [...errs, required('spec.template')];
  const labels = (template.metadata?.labels ?? {}) as Selector;
  if (Object.keys(selector).length && !matchesSelector(selector, labels))
    errs.push(invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'));
  errs.push(...validatePodTemplateSpec(template, 'spec.template'));
  const restartPolicy = template.spec?.restartPolicy;
  if (restartPolicy && restartPolicy !== 'Always')
    errs.push(notSupported('spec.template.spec.restartPolicy', restartPolicy, ['Always']));
  if (template.spec?.activeDeadlineSeconds !== undefined)
    errs.push(
      forbidden(
        'spec.template.spec.activeDeadlineSeconds',
        'activeDeadlineSeconds in ReplicationController is not Supported',
      ),
    );
  return errs;
};

export const replicationControllerStrategy: Strategy<ReplicationController> = {
  kind: {
    group: '',
    version: 'v1',
    kind: 'ReplicationController',
    plural: 'replicationcontrollers',
    singular: 'replicationcontroller',
    shortNames: ['rc'],
    categories: ['all'],
  },
  namespaced: true,
  // core/v1 keeps kube's first default: deleting an RC naming no policy leaves its pods.
  garbageCollectionPolicy: 'OrphanDependents',
  nameValidator: nameIsDNSSubdomain,
  validateFinalizerName: validateKubeFinalizerName,
  generationTracked: true,
  prepareForCreate: (rc) => {
    defaultReplicationController(rc);
    rc.status = { replicas: 0 };
  },
  prepareForUpdate: defaultReplicationController,
  validate: (rc) => validateReplicationControllerSpec(rc.spec),
  status: {},
  scale: {
    specReplicas: (rc) => rc.spec?.replicas ?? 0,
    setSpecReplicas: (rc, replicas) => {
      if (rc.spec) rc.spec.replicas = replicas;
    },
    statusReplicas: (rc) => rc.status?.replicas ?? 0,
    selector: (rc) => selectorText(rc.spec?.selector as Selector | undefined),
  },
  columns: [
    column('Desired', (rc) => rc.spec?.replicas ?? 0, {
      type: 'integer',
      description: 'Replicas is the number of desired replicas.',
    }),
    column('Current', (rc) => rc.status?.replicas ?? 0, {
      type: 'integer',
      description: 'Replicas is the most recently observed number of replicas.',
    }),
    column('Ready', (rc) => rc.status?.readyReplicas ?? 0, {
      type: 'integer',
      description: 'The number of ready replicas for this replication controller.',
    }),
    ageColumn,
    column('Containers', (rc) => containerCells(rc.spec?.template?.spec?.containers).names, {
      priority: 1,
      description: 'Names of each container in the template.',
    }),
    column('Images', (rc) => containerCells(rc.spec?.template?.spec?.containers).images, {
      priority: 1,
      description: 'Images referenced by each container in the template.',
    }),
    column('Selector', (rc) => selectorText(rc.spec?.selector as Selector | undefined) || '<none>', {
      priority: 1,
      description: 'Selector is a label query over pods that should match the Replicas count.',
    }),
  ],
  fieldSelectors: {
    'status.replicas': (rc) => String(rc.status?.replicas ?? 0),
  },
};
