// Counting and ordering a Deployment's ReplicaSets, as kube's deploymentutil and controller
// helpers do (spec replicas, status counts, by creation time, by size).
import type { ReplicaSet } from '@kubenest/api/apps/types';

export const specReplicas = (rs: ReplicaSet): number => rs.spec?.replicas ?? 0;

const sum = (sets: (ReplicaSet | undefined)[], of: (rs: ReplicaSet) => number): number =>
  sets.reduce((total, rs) => total + (rs ? of(rs) : 0), 0);

/** GetReplicaCountForReplicaSets: the replicas the sets ask for. */
export const desiredCount = (sets: (ReplicaSet | undefined)[]): number => sum(sets, specReplicas);
/** GetActualReplicaCountForReplicaSets: the pods the sets have. */
export const actualCount = (sets: (ReplicaSet | undefined)[]): number => sum(sets, (rs) => rs.status?.replicas ?? 0);
export const readyCount = (sets: (ReplicaSet | undefined)[]): number =>
  sum(sets, (rs) => rs.status?.readyReplicas ?? 0);
export const availableCount = (sets: (ReplicaSet | undefined)[]): number =>
  sum(sets, (rs) => rs.status?.availableReplicas ?? 0);

/** FilterActiveReplicaSets: those asking for pods. */
export const activeReplicaSets = (sets: (ReplicaSet | undefined)[]): ReplicaSet[] =>
  sets.filter((rs): rs is ReplicaSet => !!rs && specReplicas(rs) > 0);

const createdAt = (rs: ReplicaSet): number => Date.parse(String(rs.metadata.creationTimestamp ?? 0)) || 0;

/** ReplicaSetsByCreationTimestamp: oldest first, then by name. */
export const byCreation = (a: ReplicaSet, b: ReplicaSet): number => {
  const byTime = createdAt(a) - createdAt(b);
  if (byTime !== 0) return byTime;
  const [x, y] = [a.metadata.name ?? '', b.metadata.name ?? ''];
  return x < y ? -1 : x > y ? 1 : 0;
};

/** ReplicaSetsBySizeOlder: largest first, the older of two equal ones first. */
export const bySizeOlder = (a: ReplicaSet, b: ReplicaSet): number =>
  specReplicas(b) - specReplicas(a) || byCreation(a, b);

/** ReplicaSetsBySizeNewer: largest first, the newer of two equal ones first. */
export const bySizeNewer = (a: ReplicaSet, b: ReplicaSet): number =>
  specReplicas(b) - specReplicas(a) || byCreation(b, a);
