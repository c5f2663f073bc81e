// The serviceaccount loop (kube's serviceaccounts controller): a `default` ServiceAccount in every
// active namespace, made again when it is deleted.
import type { ServiceAccount } from '@kubenest/api/core/types';
import { controllerServiceAccount } from '@kubenest/auth/authz/controller-policy';
import { KubeObject, StatusError } from '@kubenest/apimachinery';
import { resources } from '@kubenest/client';
import { defineLoop, Loop, Step } from '../loop';

export const SERVICE_ACCOUNT_CONTROLLER = controllerServiceAccount('service-account-controller');
export const DEFAULT_SERVICE_ACCOUNT = 'default';

export interface EnsureServiceAccountDeps {
  exists(namespace: string, name: string): boolean;
  create(sa: ServiceAccount): Promise<unknown>;
}

const isActive = (ns: KubeObject): boolean =>
  !ns.metadata.deletionTimestamp && (ns as { status?: { phase?: string } }).status?.phase !== 'Terminating';

export const ensureDefaultServiceAccount =
  (deps: EnsureServiceAccountDeps): Step<KubeObject> =>
  async (ns) => {
    const namespace = ns.metadata.name!;
    if (!isActive(ns) || deps.exists(namespace, DEFAULT_SERVICE_ACCOUNT)) return;
    try {
      await deps.create({
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { namespace, name: DEFAULT_SERVICE_ACCOUNT },
      });
    } catch (e) {
      // Already made (the informer lags), or the namespace began terminating meanwhile.
      if (StatusError.is(e) && (e.code === 409 || e.code === 403)) return;
      throw e;
    }
  };

export const serviceAccountLoop = (): Loop =>
  defineLoop<KubeObject>({
    name: 'serviceaccount',
    identity: SERVICE_ACCOUNT_CONTROLLER,
    for: resources.namespaces,
    watches: [
      {
        resource: resources.serviceAccounts,
        map: (sa, namespaces) =>
          sa.metadata.name === DEFAULT_SERVICE_ACCOUNT
            ? [namespaces.get(undefined, sa.metadata.namespace!)].filter((ns): ns is KubeObject => !!ns)
            : [],
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
