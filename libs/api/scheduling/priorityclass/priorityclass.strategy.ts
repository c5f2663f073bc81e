// scheduling.k8s.io/v1 PriorityClass: cluster-scoped, the priority a pod's priorityClassName resolves
// to (see the Priority admission plugin), with the columns of `kubectl get priorityclasses`.
import type { Strategy } from '@kubenest/registry';
import { nameIsDNSSubdomain } from '@kubenest/apimachinery/validation';
import { validateKubeFinalizerName } from '../../common/builtin-meta';
import { ageColumn, column } from '../../common/columns';
import { DEFAULT_PREEMPTION_POLICY, PriorityClass } from '../types';
import { validatePriorityClass, validatePriorityClassUpdate } from './priorityclass-validation';

// As kube's decoding and defaulting, which run on every write: a missing value is Go's zero, a
// missing preemptionPolicy the default one.
const setDefaults = (pc: PriorityClass): void => {
  pc.value ??= 0;
  pc.preemptionPolicy ??= DEFAULT_PREEMPTION_POLICY;
};

export const priorityClassStrategy: Strategy<PriorityClass> = {
  kind: {
    group: 'scheduling.k8s.io',
    version: 'v1',
    kind: 'PriorityClass',
    plural: 'priorityclasses',
    singular: 'priorityclass',
    shortNames: ['pc'],
  },
  namespaced: false,
  nameValidator: nameIsDNSSubdomain,
  validateFinalizerName: validateKubeFinalizerName,
  prepareForCreate: setDefaults,
  prepareForUpdate: setDefaults,
  validate: validatePriorityClass,
  validateUpdate: validatePriorityClassUpdate,
  columns: [
    column('Value', (pc) => pc.value ?? 0, {
      type: 'integer',
      description:
        'value represents the integer value of this priority class. This is the actual priority that pods receive when they have the name of this class in their pod spec.',
    }),
    column('Global-Default', (pc) => !!pc.globalDefault, {
      type: 'boolean',
      description:
        'globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class. Only one PriorityClass can be marked as `globalDefault`. However, if more than one PriorityClasses exists with their `globalDefault` field set to true, the smallest value of such global default PriorityClasses will be used as the default priority.',
    }),
    ageColumn,
    column('PreemptionPolicy', (pc) => pc.preemptionPolicy ?? '', {
      description:
        'preemptionPolicy is the Policy for preempting pods with lower priority. One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset.',
    }),
  ],
};
