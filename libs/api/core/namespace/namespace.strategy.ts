// core/v1 Namespace: cluster-scoped, Active from creation, the "kubernetes" finalizer in
// spec.finalizers until the namespace controller has emptied it, Terminating once deleted.
import type { Strategy } from '@kubenest/registry';
import { FieldError } from '@kubenest/apimachinery';
import { validateFinalizerName, validateNamespaceName } from '@kubenest/apimachinery/validation';
import { validateKubeFinalizerName } from '../../common/builtin-meta';
import { ageColumn, column } from '../../common/columns';
import { Namespace } from '../types';

export const namespaceFinalizer = 'kubernetes';
const nameLabel = 'kubernetes.io/metadata.name';

// Every namespace carries its own name as a label, so that selectors can pick namespaces by name.
const labelWithName = (ns: Namespace): void => {
  ns.metadata.labels = { ...(ns.metadata.labels ?? {}), [nameLabel]: ns.metadata.name ?? '' };
};

const validateSpecFinalizers = (ns: Namespace): FieldError[] =>
  (ns.spec?.finalizers ?? []).flatMap((f) => [
    ...validateFinalizerName(f, 'spec.finalizers'),
    ...validateKubeFinalizerName(f, 'spec.finalizers'),
  ]);

export const namespaceStrategy: Strategy<Namespace> = {
  kind: {
    group: '',
    version: 'v1',
    kind: 'Namespace',
    plural: 'namespaces',
    singular: 'namespace',
    shortNames: ['ns'],
  },
  namespaced: false,
  nameValidator: validateNamespaceName,
  validateFinalizerName: validateKubeFinalizerName,
  prepareForCreate: (ns) => {
    ns.status = { phase: 'Active' };
    const finalizers = ns.spec?.finalizers ?? [];
    ns.spec = {
      ...ns.spec,
      finalizers: finalizers.includes(namespaceFinalizer) ? finalizers : [...finalizers, namespaceFinalizer],
    };
    labelWithName(ns);
  },
  // spec.finalizers change only through the namespace's finalize subresource, as in kube.
  resetFields: { fields: ['spec.finalizers', 'status'] },
  prepareForUpdate: labelWithName,
  prepareForDelete: (ns) => {
    ns.status = { ...ns.status, phase: 'Terminating' };
  },
  holdsDeletion: (ns) => (ns.spec?.finalizers?.length ?? 0) > 0,
  finalize: {
    // Only spec.finalizers changes through /finalize; everything else stays as stored.
    resetFields: { allBut: ['metadata', 'spec.finalizers'] },
    prepareForUpdate: labelWithName,
  },
  validate: (ns) => validateSpecFinalizers(ns),
  status: {},
  columns: [
    column('Status', (ns) => ns.status?.phase ?? '', { description: 'The status of the namespace' }),
    ageColumn,
  ],
  fieldSelectors: {
    'status.phase': (ns) => ns.status?.phase ?? '',
    // kube-apiserver keeps this unprefixed alias of metadata.name for old clients.
    name: (ns) => ns.metadata.name ?? '',
  },
};
