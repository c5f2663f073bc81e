// The replica loops work on one shape, a ReplicaSet: a ReplicationController is read as one (its
// selector map becoming matchLabels), as kube's replication controller runs the ReplicaSet code
// through an adapter. What differs between the two is the kind they name in ownerReferences and
// events, and the resource they write their status to.
import type { ReplicaSet } from '@kubenest/api/apps/types';
import type { ReplicationController } from '@kubenest/api/core/types';
import { LabelSelector, labelSelectorFromObject } from '@kubenest/apimachinery/selectors';
import { resources, ResourceRef } from '@kubenest/client';

export interface ReplicatedKind {
  apiVersion: string;
  kind: string;
  resource: ResourceRef;
}

export const REPLICA_SET_KIND: ReplicatedKind = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  resource: resources.replicaSets,
};

export const REPLICATION_CONTROLLER_KIND: ReplicatedKind = {
  apiVersion: 'v1',
  kind: 'ReplicationController',
  resource: resources.replicationControllers,
};

export type ReplicaSetStatus = NonNullable<ReplicaSet['status']>;

/** An RC as a ReplicaSet: the same metadata, spec and status, its selector map as matchLabels. */
export const replicaSetOf = (rc: ReplicationController): ReplicaSet => {
  const { selector, ...spec } = rc.spec ?? {};
  return {
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: rc.metadata,
    spec: { ...spec, selector: { matchLabels: selector ?? {} } },
    status: rc.status as ReplicaSetStatus | undefined,
  } as ReplicaSet;
};

/** The pods a ReplicaSet selects; a selector that does not parse (validation refuses it) selects none. */
export const selectorOf = (rs: ReplicaSet): LabelSelector | undefined => {
  try {
    return labelSelectorFromObject(rs.spec?.selector);
  } catch {
    return undefined;
  }
};
