// revisionHistoryLimit, as kube's cleanupDeployment: beyond the limit, the old ReplicaSets with
// the lowest revisions go, but only those fully scaled down (no replicas asked for or left, their
// latest spec seen by the ReplicaSet loop) and not already being deleted.
import type { ReplicaSet } from '@kubenest/api/apps/types';
import { StatusError } from '@kubenest/apimachinery';
import { byCreation, specReplicas } from './replica-set-counts';
import { revisionOf } from './revision-annotations';
import { Rollout } from './rollout-context';

const byRevision = (a: ReplicaSet, b: ReplicaSet): number => revisionOf(a) - revisionOf(b) || byCreation(a, b);

/** The old sets the history limit removes, oldest revision first. */
export const replicaSetsBeyondHistory = (oldRSs: ReplicaSet[], limit: number | undefined): ReplicaSet[] => {
  if (limit === undefined) return [];
  const alive = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp).sort(byRevision);
  const excess = alive.length - limit;
  if (excess <= 0) return [];
  return alive
    .slice(0, excess)
    .filter(
      (rs) =>
        (rs.status?.replicas ?? 0) === 0 &&
        specReplicas(rs) === 0 &&
        (rs.metadata.generation ?? 0) <= (rs.status?.observedGeneration ?? 0),
    );
};

export const cleanupHistory = async (rollout: Rollout, oldRSs: ReplicaSet[]): Promise<void> => {
  for (const rs of replicaSetsBeyondHistory(oldRSs, rollout.d.spec?.revisionHistoryLimit)) {
    try {
      await rollout.api.deleteReplicaSet(rs.metadata.namespace!, rs.metadata.name!);
    } catch (e) {
      if (!(StatusError.is(e) && e.code === 404)) throw e;
    }
  }
};
