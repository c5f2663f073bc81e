// The root CA publisher (kube's root-ca-cert-publisher): the `kube-root-ca.crt` ConfigMap in every
// active namespace, holding the cluster CA a pod verifies the apiserver with, put back when it is
// deleted or changed.
import { isDeepStrictEqual } from 'node:util';
import type { ConfigMap } from '@kubenest/api/core/types';
import { controllerServiceAccount } from '@kubenest/auth/authz/controller-policy';
import { KubeObject, StatusError } from '@kubenest/apimachinery';
import { resources } from '@kubenest/client';
import { defineLoop, Loop, Step } from '../loop';

export const ROOT_CA_PUBLISHER = controllerServiceAccount('root-ca-cert-publisher');
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

const isActive = (ns: KubeObject): boolean =>
  !ns.metadata.deletionTimestamp && (ns as { status?: { phase?: string } }).status?.phase !== 'Terminating';

export const publishRootCA =
  (deps: PublishRootCADeps): Step<KubeObject> =>
  async (ns) => {
    if (!isActive(ns)) return;
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

export const rootCAPublisherLoop = (options: { caPem: string }): Loop =>
  defineLoop<KubeObject>({
    name: 'root-ca-cert-publisher',
    identity: ROOT_CA_PUBLISHER,
    for: resources.namespaces,
    watches: [
      {
        resource: resources.configMaps,
        map: (cm, namespaces) =>
          cm.metadata.name === ROOT_CA_CONFIGMAP
            ? [namespaces.get(undefined, cm.metadata.namespace!)].filter((ns): ns is KubeObject => !!ns)
            : [],
      },
    ],
    reconcile: ({ client, listerFor }) => {
      const configMaps = listerFor<ConfigMap>(resources.configMaps);
      const api = client.resource<ConfigMap>(resources.configMaps);
      return publishRootCA({
        caPem: options.caPem,
        current: (namespace) => configMaps.get(namespace, ROOT_CA_CONFIGMAP),
        create: (cm) => api.create(cm),
        update: (cm) => api.update(cm),
      });
    },
  });
