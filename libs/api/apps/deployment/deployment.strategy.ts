// apps/v1 Deployment: defaults (one replica, RollingUpdate 25%/25%, history of 10, a 600 s
// progress deadline, pod template defaults), a fixed selector matching the template, /status,
// /scale, and the columns of `kubectl get deployments`.
import type { Strategy } from '@kubenest/registry';
import { FieldError, invalid } from '@kubenest/apimachinery';
import { nameIsDNSSubdomain, validateNonnegativeField } from '@kubenest/apimachinery/validation';
import { validateKubeFinalizerName } from '../../common/builtin-meta';
import { ageColumn, column, containerCells } from '../../common/columns';
import { defaultPodSpec } from '../../core/pod-spec-defaults';
import { defaultDeploymentStrategy, validateDeploymentStrategy } from './rollout-strategy';
import { Deployment } from '../types';
import { selectorString } from '../workload-selector';
import { validateSelectorUpdate, validateWorkloadSpec } from '../workload-validation';

const defaultDeployment = (d: Deployment): void => {
  const spec = (d.spec ??= {} as NonNullable<Deployment['spec']>);
  spec.replicas ??= 1;
  defaultDeploymentStrategy(spec);
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  if (spec.template?.spec) defaultPodSpec(spec.template.spec);
};

const validateDeploymentSpec = (d: Deployment): FieldError[] => {
  const spec = d.spec;
  if (!spec) return validateWorkloadSpec(undefined, 'deployment');
  const errs = [...validateWorkloadSpec(spec, 'deployment'), ...validateDeploymentStrategy(spec)];
  if (spec.revisionHistoryLimit !== undefined)
    errs.push(...validateNonnegativeField(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  if (spec.progressDeadlineSeconds !== undefined) {
    errs.push(...validateNonnegativeField(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errs.push(
        invalid('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'),
      );
    }
  }
  return errs;
};

export const deploymentStrategy: Strategy<Deployment> = {
  kind: {
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
    plural: 'deployments',
    singular: 'deployment',
    shortNames: ['deploy'],
    categories: ['all'],
  },
  namespaced: true,
  nameValidator: nameIsDNSSubdomain,
  validateFinalizerName: validateKubeFinalizerName,
  generationTracked: true,
  prepareForCreate: (d) => {
    defaultDeployment(d);
    d.status = {};
  },
  prepareForUpdate: defaultDeployment,
  validate: (d) => validateDeploymentSpec(d),
  validateUpdate: (d, old) => validateSelectorUpdate(d.spec, old.spec),
  // As kube's deploymentStatusStrategy: spec and labels are kept, annotations may change (the
  // deployment controller writes the revision annotation along with the status).
  status: { resetFields: { fields: ['spec', 'metadata.labels'] } },
  scale: {
    specReplicas: (d) => d.spec?.replicas ?? 0,
    setSpecReplicas: (d, replicas) => {
      if (d.spec) d.spec.replicas = replicas;
    },
    statusReplicas: (d) => d.status?.replicas ?? 0,
    selector: (d) => selectorString(d.spec?.selector) ?? '',
  },
  columns: [
    column('Ready', (d) => `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`, {
      description: 'Number of the pod with ready state',
    }),
    column('Up-to-date', (d) => d.status?.updatedReplicas ?? 0, {
      description:
        'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
    }),
    column('Available', (d) => d.status?.availableReplicas ?? 0, {
      description: 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
    }),
    ageColumn,
    column('Containers', (d) => containerCells(d.spec?.template?.spec?.containers).names, {
      priority: 1,
      description: 'Names of each container in the template.',
    }),
    column('Images', (d) => containerCells(d.spec?.template?.spec?.containers).images, {
      priority: 1,
      description: 'Images referenced by each container in the template.',
    }),
    column('Selector', (d) => selectorString(d.spec?.selector) ?? '<invalid>', {
      priority: 1,
      description: 'Label selector for pods.',
    }),
  ],
};
