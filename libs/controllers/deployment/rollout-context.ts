// What one sync of a Deployment works on: its own copy of the Deployment, the ReplicaSets it
// controls (kept current as the sync writes them, so that a later step never writes over an
// earlier one with a stale resourceVersion), and the writes it may make.
import type { Deployment, ReplicaSet } from '@kubenest/api/apps/types';
import type { EventType } from '../events';

/** The API as the Deployment loop uses it; listers answer the reads. */
export interface DeploymentApi {
  createReplicaSet(rs: ReplicaSet): Promise<ReplicaSet>;
  updateReplicaSet(rs: ReplicaSet): Promise<ReplicaSet>;
  deleteReplicaSet(namespace: string, name: string): Promise<void>;
  updateDeploymentStatus(d: Deployment): Promise<Deployment>;
  /** The informer's copy of a ReplicaSet. */
  cachedReplicaSet(namespace: string, name: string): ReplicaSet | undefined;
  recordEvent(d: Deployment, type: EventType, reason: string, message: string): void;
  now(): Date;
}

export interface Rollout {
  api: DeploymentApi;
  /** This sync's copy: steps change its status and annotations, then write them. */
  d: Deployment;
  /** The ReplicaSets the Deployment controls, as last read or written. */
  rsList: ReplicaSet[];
}

const sameObject = (a: ReplicaSet, b: ReplicaSet): boolean => a.metadata.uid === b.metadata.uid;

export const updateReplicaSet = async (rollout: Rollout, rs: ReplicaSet): Promise<ReplicaSet> => {
  const updated = await rollout.api.updateReplicaSet(rs);
  rollout.rsList = rollout.rsList.map((x) => (sameObject(x, updated) ? updated : x));
  return updated;
};

export const rememberReplicaSet = (rollout: Rollout, rs: ReplicaSet): void => {
  if (!rollout.rsList.some((x) => sameObject(x, rs))) rollout.rsList = [...rollout.rsList, rs];
};

/** Writes the copy's status (and annotations, which the status endpoint takes, as kube's does). */
export const writeDeploymentStatus = async (rollout: Rollout): Promise<void> => {
  const updated = await rollout.api.updateDeploymentStatus(rollout.d);
  rollout.d.metadata.resourceVersion = updated.metadata.resourceVersion;
};

export const recordEvent = (rollout: Rollout, type: EventType, reason: string, message: string): void =>
  rollout.api.recordEvent(rollout.d, type, reason, message);
