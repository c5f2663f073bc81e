// core/v1 ServiceAccount: an identity for pods; `kubectl get serviceaccounts` counts its secrets.
import type { Strategy } from '@kubenest/registry';
import { nameIsDNSSubdomain, validateObjectMetaUpdate } from '@kubenest/apimachinery/validation';
import { validateBuiltinMeta } from '../../common/builtin-meta';
import { ageColumn, column } from '../../common/columns';
import { ServiceAccount } from '../types';

export const serviceAccountStrategy: Strategy<ServiceAccount> = {
  kind: {
    group: '',
    version: 'v1',
    kind: 'ServiceAccount',
    plural: 'serviceaccounts',
    singular: 'serviceaccount',
    shortNames: ['sa'],
  },
  namespaced: true,
  validate: (sa) => validateBuiltinMeta(sa.metadata, { namespaced: true, nameValidator: nameIsDNSSubdomain }),
  validateUpdate: (sa, old) => validateObjectMetaUpdate(sa.metadata, old.metadata),
  columns: [
    column('Secrets', (sa) => (sa.secrets ?? []).length, { description: 'Number of secrets of the service account.' }),
    ageColumn,
  ],
};
