// The root CA publisher's step, as kube's publisher syncs a namespace: its `kube-root-ca.crt`
// ConfigMap made, or put back to the CA and its description when changed.
import { isDeepStrictEqual } from 'node:util';
import type { ConfigMap } from '@kubenest/api/core/types';
import { KubeObject, StatusError } from '@kubenest/apimachinery';
import type { Step } from '../loop';
import { isNamespaceActive } from '../namespace/active-namespace';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

export interface PublishRootCADeps {
  /** The cluster CA's certificate, PEM. */
  caPem: string;
  current(namespace: string): ConfigMap | undefined;
  create(cm: ConfigMap): Promise<unknown>;
  update(cm: ConfigMap): Promise<unknown>;
}

export const publishRootCA =
  (deps: PublishRootCADeps): Step<KubeObject> =>
  async (ns) => {
    if (!isNamespaceActive(ns)) return;
    const namespace = ns.metadata.name!;
    const data = { 'ca.crt': deps.caPem };
    const current = deps.current(namespace);
    try {
      if (!current) {
        await deps.create({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { namespace, name: ROOT_CA_CONFIGMAP, annotations: { [DESCRIPTION_ANNOTATION]: DESCRIPTION } },
          data,
        });
        return;
      }
      if (isDeepStrictEqual(current.data ?? {}, data) && current.metadata.annotations?.[DESCRIPTION_ANNOTATION]) return;
      await deps.update({
        ...current,
        metadata: {
          ...current.metadata,
          annotations: { ...(current.metadata.annotations ?? {}), [DESCRIPTION_ANNOTATION]: DESCRIPTION },
        },
        data,
      });
    } catch (e) {
      // Made meanwhile, or the namespace began terminating: the informers bring the next event.
      if (StatusError.is(e) && (e.code === 409 || e.code === 403 || e.code === 404)) return;
      throw e;
    }
  };
