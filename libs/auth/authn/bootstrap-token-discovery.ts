// Discovery for joining nodes, as kubeadm publishes it: the cluster-info ConfigMap in kube-public
// holds a kubeconfig with the server URL and the CA, readable anonymously. A joining agent
// trusts that CA only once its public key matches the hash it was given (--ca-cert-hash).
import { StatusError } from '@kubenest/apimachinery';
import { GenericStore, RequestUser } from '@kubenest/registry';
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

/** Creates cluster-info, or brings its kubeconfig up to date (a new CA or address), at start-up. */
export const ensureClusterInfo = async (
  configMaps: GenericStore,
  server: string,
  caPem: string,
  user: RequestUser,
): Promise<void> => {
  const desired = clusterInfoConfigMap(server, caPem);
  try {
    await configMaps.update(
      CLUSTER_INFO_NAMESPACE,
      CLUSTER_INFO_NAME,
      (current) => (current ? { ...current, data: { ...(current.data as object), ...desired.data } } : desired),
      { allowCreate: true, user },
    );
  } catch (e) {
    // Two apiservers starting together: the other one wrote it.
    if (!(StatusError.is(e) && (e.reason === 'AlreadyExists' || e.reason === 'Conflict'))) throw e;
  }
};
