// The calls a real node's pod workers make with the node's identity: pods' status, the delete
// that confirms a graceful deletion, and single-object reads of what pods reference.
import { ApiClient } from '../client/api-client';
import { ApiError } from '../client/api-error';
import { EnvSources } from './env/container-env';
import type { Pod, PodStatus, Service } from './pod-types';

const podPath = (pod: Pod) => `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}`;

const orUndefined = async <T>(read: Promise<T>): Promise<T | undefined> => {
  try {
    return await read;
  } catch (e) {
    if (ApiError.is(e, 404)) return undefined;
    throw e;
  }
};

export const podSources = (client: ApiClient): EnvSources => ({
  configMap: (ns, name) =>
    orUndefined(client.request({ method: 'GET', path: `/api/v1/namespaces/${ns}/configmaps/${name}` })),
  secret: (ns, name) =>
    orUndefined(client.request({ method: 'GET', path: `/api/v1/namespaces/${ns}/secrets/${name}` })),
  services: async (ns) =>
    (await client.request<{ items: Service[] }>({ method: 'GET', path: `/api/v1/namespaces/${ns}/services` })).items,
});

export const podStatusApi = (client: ApiClient) => ({
  patchPodStatus: async (pod: Pod, status: PodStatus) =>
    void (await client.request({ method: 'PATCH', path: `${podPath(pod)}/status`, body: { status } })),
  /** As kubelet's status manager: grace 0, and only this uid (a recreated pod is left alone). */
  confirmDeletion: async (pod: Pod) =>
    void (await client.request({
      method: 'DELETE',
      path: podPath(pod),
      body: {
        apiVersion: 'v1',
        kind: 'DeleteOptions',
        gracePeriodSeconds: 0,
        preconditions: { uid: pod.metadata.uid },
      },
    })),
});
