// Discovery for joining nodes, as kubeadm publishes it: the cluster-info ConfigMap in kube-public
// holds a kubeconfig with the server URL and the CA, readable anonymously. A joining agent
// trusts that CA only once its public key matches the hash it was given (--ca-cert-hash).
import { stringify } from 'yaml';
import { CLUSTER_INFO_NAME, CLUSTER_INFO_NAMESPACE } from '../authz/default-policy';

/** The kubeconfig kubeadm puts in cluster-info: one nameless cluster, no user, no context. */
export const clusterInfoKubeconfig = (server: string, caPem: string): string =>
  stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: '',
        cluster: { server, 'certificate-authority-data': Buffer.from(caPem, 'utf8').toString('base64') },
      },
    ],
    contexts: null,
    'current-context': '',
    preferences: {},
    users: null,
  });

export const clusterInfoConfigMap = (server: string, caPem: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: CLUSTER_INFO_NAME, namespace: CLUSTER_INFO_NAMESPACE },
  data: { kubeconfig: clusterInfoKubeconfig(server, caPem) },
});
