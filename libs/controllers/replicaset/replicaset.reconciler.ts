// One ReplicaSet's sync, as kube's syncReplicaSet: claim the active pods (adopting and releasing),
// create or delete toward spec.replicas unless earlier creations or deletions are still awaited or
// the ReplicaSet is being deleted, then write the status when it changed; a failed creation or
// deletion fails the sync after the status says so, and a ReplicaSet whose ready pods are not yet
// all available is looked at again once minReadySeconds have passed.
import type { Pod } from '@kubenest/api/core/types';
import type { ReplicaSet } from '@kubenest/api/apps/types';
import type { StepResult } from '../loop';
import type { Expectations } from '../expectations';
import { keyOf } from '../queue';
import { isPodActive } from './pod-state';
import { calculateStatus, statusChanged } from './replica-status';
import { ReplicaSetStatus, selectorOf } from './replicated';

export interface SyncDeps {
  expectations: Expectations;
  /** The pods the ReplicaSet controls plus its namespace's orphans, from the informer. */
  claimCandidates: (rs: ReplicaSet) => Pod[];
  claimPods: (rs: ReplicaSet, pods: Pod[]) => Promise<Pod[]>;
  manageReplicas: (rs: ReplicaSet, pods: Pod[]) => Promise<Error | undefined>;
  /** Writes the status through /status and answers the ReplicaSet as written. */
  writeStatus: (rs: ReplicaSet, status: ReplicaSetStatus) => Promise<ReplicaSet>;
  now: () => Date;
}

export const syncReplicaSet =
  (deps: SyncDeps) =>
  async (rs: ReplicaSet): Promise<StepResult> => {
    // Read before the pods are: an expectation met after this point waits for the next sync.
    const needsSync = deps.expectations.satisfied(keyOf(rs));
    // A selector validation refuses cannot select pods: nothing to do until the object changes.
    if (!selectorOf(rs)) return {};
    const active = deps.claimCandidates(rs).filter(isPodActive);
    const owned = await deps.claimPods(rs, active);
    const manageError = needsSync && !rs.metadata.deletionTimestamp ? await deps.manageReplicas(rs, owned) : undefined;
    const status = calculateStatus(rs, owned, manageError, deps.now());
    const written = statusChanged(rs, status)
      ? await deps.writeStatus(rs, { ...status, observedGeneration: rs.metadata.generation })
      : rs;
    if (manageError) throw manageError;
    const replicas = written.spec?.replicas ?? 1;
    const minReadySeconds = written.spec?.minReadySeconds ?? 0;
    const { readyReplicas = 0, availableReplicas = 0 } = written.status ?? {};
    if (minReadySeconds > 0 && readyReplicas === replicas && availableReplicas !== replicas)
      return { requeueAfterMs: minReadySeconds * 1000 };
    return {};
  };
