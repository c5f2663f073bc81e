// Resizing a Deployment's ReplicaSets when its replicas change (or it is paused), as kube's
// scale(): a single active set (or, with none active, the newest) takes the new size; a new set
// already saturated takes it all and the old ones go; otherwise, in a rolling update, every
// active set grows or shrinks in proportion to its share of the size it was last given
// (max-replicas annotation), the rounding leftovers going to the largest set.
import type { Deployment, ReplicaSet } from '@kubenest/api/apps/types';
import { isRollingUpdate, maxSurge, replicasOf } from './fenceposts';
import {
  activeReplicaSets,
  byCreation,
  bySizeNewer,
  bySizeOlder,
  desiredCount,
  specReplicas,
} from './replica-set-counts';
import { desiredReplicasOf, maxReplicasOf } from './revision-annotations';
import { Rollout } from './rollout-context';
import { scaleReplicaSet, scaleReplicaSetTo } from './scale-replica-set';

/** FindActiveOrLatest: the one active set, the newest set when none is active, nothing when several are. */
export const findActiveOrLatest = (newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined => {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = activeReplicaSets([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
};

/** IsSaturated: the set has the Deployment's size, was given it, and all of it is available. */
export const isSaturated = (d: Deployment, rs: ReplicaSet | undefined): boolean => {
  if (!rs) return false;
  const replicas = replicasOf(d);
  return (
    specReplicas(rs) === replicas &&
    desiredReplicasOf(rs) === replicas &&
    (rs.status?.availableReplicas ?? 0) === replicas
  );
};

/** Go's math.Round: halves away from zero. */
const roundHalfAway = (x: number): number => Math.sign(x) * Math.round(Math.abs(x));

/** getReplicaSetFraction: how many replicas this set gains (or loses) in proportion. */
const replicaSetFraction = (rs: ReplicaSet, d: Deployment): number => {
  if (replicasOf(d) === 0) return -specReplicas(rs);
  const allowed = replicasOf(d) + maxSurge(d);
  // Without the annotation, the Deployment's current size is the best estimate; the bounds in
  // proportionOf keep the total right anyway.
  const annotated = maxReplicasOf(rs) ?? d.status?.replicas ?? 0;
  return roundHalfAway((specReplicas(rs) * allowed) / annotated) - specReplicas(rs);
};

/** GetProportion: the set's fraction, never past what is left to add or remove. */
export const proportionOf = (rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number => {
  if (specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
};

/** The size of each active set after a proportional scale, in the order kube writes them. */
export const proportionalSizes = (d: Deployment, sets: (ReplicaSet | undefined)[]): [ReplicaSet, number][] => {
  const active = activeReplicaSets(sets);
  const allowedSize = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowedSize - desiredCount(active);
  if (toAdd > 0) active.sort(bySizeNewer);
  else if (toAdd < 0) active.sort(bySizeOlder);
  let added = 0;
  const sizes = active.map((rs): [ReplicaSet, number] => {
    const proportion = proportionOf(rs, d, toAdd, added);
    added += proportion;
    return [rs, specReplicas(rs) + proportion];
  });
  if (sizes.length && toAdd !== 0) sizes[0][1] = Math.max(0, sizes[0][1] + toAdd - added);
  return sizes;
};

export const scaleDeployment = async (rollout: Rollout, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]) => {
  const { d } = rollout;
  const single = findActiveOrLatest(newRS, oldRSs);
  if (single) {
    if (specReplicas(single) !== replicasOf(d)) await scaleReplicaSetTo(rollout, single, replicasOf(d));
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of activeReplicaSets(oldRSs)) await scaleReplicaSetTo(rollout, old, 0);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const sizes = proportionalSizes(d, [...oldRSs, newRS]);
  const toAdd =
    (replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0) - desiredCount(activeReplicaSets([...oldRSs, newRS]));
  const operation = toAdd > 0 ? 'up' : toAdd < 0 ? 'down' : '';
  // Every active set is written, even at the same size, so that its replicas annotations follow.
  for (const [rs, size] of sizes) await scaleReplicaSet(rollout, rs, size, operation);
};
