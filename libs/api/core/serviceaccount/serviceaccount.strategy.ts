// core/v1 ServiceAccount: an identity for pods; `kubectl get serviceaccounts` counts its secrets.
import type { Strategy } from '@kubenest/registry';
import { nameIsDNSSubdomain } from '@kubenest/apimachinery/validation';
import { validateKubeFinalizerName } from '../../common/builtin-meta';
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
  nameValidator: nameIsDNSSubdomain,
  validateFinalizerName: validateKubeFinalizerName,
  validate: () => [],
  columns: [
    column('Secrets', (sa) => (sa.secrets ?? []).length, { description: 'Number of secrets of the service account.' }),
    ageColumn,
  ],
};
