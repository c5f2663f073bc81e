// How far the new ReplicaSet may grow now, as kube's NewRSNewReplicas: in a rolling update, up to
// the Deployment's replicas while every set together stays within replicas + maxSurge; in a
// Recreate, straight to the replicas (the old sets are gone by then).
import type { Deployment, ReplicaSet } from '@kubenest/api/apps/types';
import { isRollingUpdate, replicasOf, scaledValue } from './fenceposts';
import { desiredCount, specReplicas } from './replica-set-counts';

export const newReplicaSetSize = (d: Deployment, allRSs: ReplicaSet[], newRS: ReplicaSet): number => {
  const replicas = replicasOf(d);
  if (!isRollingUpdate(d)) return replicas;
  const surge = scaledValue(d.spec?.strategy?.rollingUpdate?.maxSurge, replicas, true);
  const maxTotal = replicas + surge;
  const current = desiredCount(allRSs);
  if (current >= maxTotal) return specReplicas(newRS);
  return specReplicas(newRS) + Math.min(maxTotal - current, replicas - specReplicas(newRS));
};
