// The pod calls a simulated node makes with its own identity: the same as a real node's (its
// pods' status, and the delete that confirms a graceful deletion).
import { ResourceClient } from '@kubenest/client';
import { podStatusApi } from '../pods/pod-api';
import type { Pod, PodStatus } from './simulated-pod-status';

export interface PodApi {
  patchPodStatus(pod: Pod, status: PodStatus): Promise<void>;
  confirmDeletion(pod: Pod): Promise<void>;
}

export const podApi = (client: ResourceClient): PodApi => podStatusApi(client);
