// The apps/v1 kinds as the registry stores them.
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IReplicaSet } from 'kubernetes-models/apps/v1/ReplicaSet';
import { Kube } from '../common/kube-types';

export type Deployment = Kube<IDeployment>;
export type ReplicaSet = Kube<IReplicaSet>;
