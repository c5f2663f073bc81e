// kube-public/cluster-info, the kubeconfig a joining node finds the server and its CA in (as
// kubeadm's bootstrap-token phase publishes it), written at start through the apiserver's own client.
import { KubeObject, StatusError } from '@kubenest/apimachinery';
import { clusterInfoConfigMap, CLUSTER_INFO_NAME, CLUSTER_INFO_NAMESPACE } from '@kubenest/auth';
import { ResourceClient, resources } from '@kubenest/client';

type ConfigMap = KubeObject & { data?: Record<string, string> };

/** Creates cluster-info, or brings its kubeconfig up to date (a new CA or address). */
export const publishClusterInfo = async (client: ResourceClient, server: string, caPem: string): Promise<void> => {
  const configMaps = client.resource<ConfigMap>(resources.configMaps);
  const desired = clusterInfoConfigMap(server, caPem);
  try {
    const current = await configMaps.get(CLUSTER_INFO_NAMESPACE, CLUSTER_INFO_NAME).catch((e: unknown) => {
      if (StatusError.is(e) && e.code === 404) return undefined;
      throw e;
    });
    if (current) await configMaps.update({ ...current, data: { ...current.data, ...desired.data } });
    else await configMaps.create(desired);
  } catch (e) {
    // Two apiservers starting together: the other one wrote it.
    if (!(StatusError.is(e) && (e.reason === 'AlreadyExists' || e.reason === 'Conflict'))) throw e;
  }
};
