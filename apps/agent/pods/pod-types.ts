// The core/v1 shapes the pod worker reads and writes, from kubernetes-models.
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IContainerState } from 'kubernetes-models/v1/ContainerState';
import type { IContainerStatus } from 'kubernetes-models/v1/ContainerStatus';
import type { IPod } from 'kubernetes-models/v1/Pod';
import type { IPodCondition } from 'kubernetes-models/v1/PodCondition';
import type { IPodStatus } from 'kubernetes-models/v1/PodStatus';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IVolume } from 'kubernetes-models/v1/Volume';

/** As read from JSON: apiVersion and kind may be absent (list items, test fixtures). */
type Loose<T> = Omit<T, 'apiVersion' | 'kind'> & { apiVersion?: string; kind?: string };

export type Pod = Loose<IPod> & { metadata: NonNullable<IPod['metadata']> };
export type PodStatus = IPodStatus;
export type PodCondition = IPodCondition;
export type Container = IContainer;
export type ContainerState = IContainerState;
export type ContainerStatus = IContainerStatus;
export type ConfigMap = Loose<IConfigMap>;
export type Secret = Loose<ISecret>;
export type Service = Loose<IService>;
export type Volume = IVolume;

/** What the node knows that a pod's environment and status need. */
export interface NodeFacts {
  name: string;
  /** The node's InternalIP: pods run in the host network, so it is podIP and hostIP. */
  hostIP: string;
  /** Allocatable CPU and memory: a resourceFieldRef to an unset limit reads these, as in kubelet. */
  allocatable: { cpu: string; memory: string };
}
