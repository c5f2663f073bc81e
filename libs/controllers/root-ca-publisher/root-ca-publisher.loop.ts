// The root CA publisher (kube's root-ca-cert-publisher): the `kube-root-ca.crt` ConfigMap in every
// active namespace, holding the cluster CA a pod verifies the apiserver with, put back when it is
// deleted or changed.
import type { ConfigMap } from '@kubenest/api/core/types';
import { controllerServiceAccount } from '@kubenest/auth/authz/controller-policy';
import { KubeObject } from '@kubenest/apimachinery';
import { resources } from '@kubenest/client';
import { defineLoop, enqueueNamespaceOfNamed, Loop } from '../loop';
import { publishRootCA, ROOT_CA_CONFIGMAP } from './publish-root-ca.step';

export const ROOT_CA_PUBLISHER = controllerServiceAccount('root-ca-cert-publisher');

export const rootCAPublisherLoop = (options: { caPem: string }): Loop =>
  defineLoop<KubeObject>({
    name: 'root-ca-cert-publisher',
    identity: ROOT_CA_PUBLISHER,
    for: resources.namespaces,
    watches: [
      {
        resource: resources.configMaps,
        keys: enqueueNamespaceOfNamed(ROOT_CA_CONFIGMAP),
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
