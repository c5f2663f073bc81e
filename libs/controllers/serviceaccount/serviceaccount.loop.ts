// The serviceaccount loop (kube's serviceaccounts controller): a `default` ServiceAccount in every
// active namespace, made again when it is deleted.
import type { ServiceAccount } from '@kubenest/api/core/types';
import { controllerServiceAccount } from '@kubenest/auth/authz/controller-policy';
import { KubeObject } from '@kubenest/apimachinery';
import { resources } from '@kubenest/client';
import { defineLoop, enqueueNamespaceOfNamed, Loop } from '../loop';
import { DEFAULT_SERVICE_ACCOUNT, ensureDefaultServiceAccount } from './ensure-default-service-account.step';

export const SERVICE_ACCOUNT_CONTROLLER = controllerServiceAccount('service-account-controller');

export const serviceAccountLoop = (): Loop =>
  defineLoop<KubeObject>({
    name: 'serviceaccount',
    identity: SERVICE_ACCOUNT_CONTROLLER,
    for: resources.namespaces,
    watches: [
      {
        resource: resources.serviceAccounts,
        keys: enqueueNamespaceOfNamed(DEFAULT_SERVICE_ACCOUNT),
      },
    ],
    reconcile: ({ client, listerFor }) => {
      const accounts = listerFor<ServiceAccount>(resources.serviceAccounts);
      return ensureDefaultServiceAccount({
        exists: (namespace, name) => !!accounts.get(namespace, name),
        create: (sa) => client.resource<ServiceAccount>(resources.serviceAccounts).create(sa),
      });
    },
  });
