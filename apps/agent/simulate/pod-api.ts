// The pod calls a simulated node makes with its own identity: its pods' status, and the final
// delete that confirms a graceful deletion (grace 0, only this uid, as kubelet's status manager does).
import { ApiClient } from '../client/api-client';
import type { Pod, PodStatus } from './simulated-pod-status';

export interface PodApi {
  patchPodStatus(pod: Pod, status: PodStatus): Promise<void>;
  confirmDeletion(pod: Pod): Promise<void>;
}

const podPath = (pod: Pod) => `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}`;

export const podApi = (client: ApiClient): PodApi => ({
  patchPodStatus: async (pod, status) =>
    void (await client.request({ method: 'PATCH', path: `${podPath(pod)}/status`, body: { status } })),
  confirmDeletion: async (pod) =>
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
