// The calls a real node's pod workers make with the node's identity: pods' status, the delete
// that confirms a graceful deletion, and single-object reads of what pods reference.
import { KubeObject } from '@kubenest/apimachinery';
import { mergePatchType } from '@kubenest/apimachinery/patch';
import { ResourceClient, resources } from '@kubenest/client';
import { isStatus } from '../util/status-code';
import { EnvSources } from './env/container-env';
import type { Pod, PodStatus, Service } from './pod-types';

const orUndefined = async <T>(read: Promise<T>): Promise<T | undefined> => {
  try {
    return await read;
  } catch (e) {
    if (isStatus(e, 404)) return undefined;
    throw e;
  }
};

export const podSources = (client: ResourceClient): EnvSources => ({
  configMap: (ns, name) => orUndefined(client.resource(resources.configMaps).get(ns, name)),
  secret: (ns, name) => orUndefined(client.resource(resources.secrets).get(ns, name)),
  services: async (ns) => (await client.resource<Service & KubeObject>(resources.services).list(ns)).items,
});

export const podStatusApi = (client: ResourceClient) => {
  const pods = client.resource<Pod>(resources.pods);
  return {
    patchPodStatus: async (pod: Pod, status: PodStatus) =>
      void (await pods.patch(
        pod.metadata.namespace,
        pod.metadata.name!,
        mergePatchType,
        { status },
        {
          subresource: 'status',
        },
      )),
    /** As kubelet's status manager: grace 0, and only this uid (a recreated pod is left alone). */
    confirmDeletion: async (pod: Pod) =>
      void (await pods.delete(pod.metadata.namespace, pod.metadata.name!, {
        gracePeriodSeconds: 0,
        preconditions: { uid: pod.metadata.uid },
      })),
  };
};
