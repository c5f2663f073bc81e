// The serviceaccount loop's step, as kube's serviceaccounts controller syncs a namespace: an active
// namespace without its `default` ServiceAccount gets one.
import type { ServiceAccount } from '@kubenest/api/core/types';
import { KubeObject, StatusError } from '@kubenest/apimachinery';
import type { Step } from '../loop';
import { isNamespaceActive } from '../namespace/active-namespace';

export const DEFAULT_SERVICE_ACCOUNT = 'default';

export interface EnsureServiceAccountDeps {
  exists(namespace: string, name: string): boolean;
  create(sa: ServiceAccount): Promise<unknown>;
}

export const ensureDefaultServiceAccount =
  (deps: EnsureServiceAccountDeps): Step<KubeObject> =>
  async (ns) => {
    const namespace = ns.metadata.name!;
    if (!isNamespaceActive(ns) || deps.exists(namespace, DEFAULT_SERVICE_ACCOUNT)) return;
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
