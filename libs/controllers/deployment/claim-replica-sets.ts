// Which ReplicaSets a Deployment controls, as kube's ReplicaSetControllerRefManager: those whose
// controller ownerReference is the Deployment and that its selector still matches; an orphan it
// matches is adopted (unless either is being deleted, and only after a fresh read shows the
// Deployment still there and not being deleted); one it controls but no longer matches is released.
import type { Deployment, ReplicaSet } from '@kubenest/api/apps/types';
import { StatusError } from '@kubenest/apimachinery';
import { LabelSelector } from '@kubenest/apimachinery/selectors';
import { controllerOf } from '../informer';

export interface ClaimDeps {
  /** Sets the Deployment as the set's controller; undefined when another controller took it meanwhile. */
  adopt(d: Deployment, rs: ReplicaSet): Promise<ReplicaSet | undefined>;
  /** Drops the Deployment's ownerReference from the set. */
  release(d: Deployment, rs: ReplicaSet): Promise<void>;
  /** The Deployment as the server holds it now (RecheckDeletionTimestamp). */
  getFresh(d: Deployment): Promise<Deployment>;
}

const isGone = (e: unknown): boolean => StatusError.is(e) && e.code === 404;

export const claimReplicaSets =
  (deps: ClaimDeps) =>
  async (d: Deployment, selector: LabelSelector, candidates: ReplicaSet[]): Promise<ReplicaSet[]> => {
    const claimed: ReplicaSet[] = [];
    let adoptionChecked = false;
    const canAdopt = async (): Promise<void> => {
      if (adoptionChecked) return;
      const fresh = await deps.getFresh(d);
      if (fresh.metadata.uid !== d.metadata.uid)
        throw new Error(
          `original Deployment ${d.metadata.namespace}/${d.metadata.name} is gone: got uid ${fresh.metadata.uid}, wanted ${d.metadata.uid}`,
        );
      if (fresh.metadata.deletionTimestamp)
        throw new Error(
          `${d.metadata.namespace}/${d.metadata.name} has just been deleted at ${fresh.metadata.deletionTimestamp}`,
        );
      adoptionChecked = true;
    };
    for (const rs of candidates) {
      if (rs.metadata.namespace !== d.metadata.namespace) continue;
      const ref = controllerOf(rs);
      const matches = selector.matches(rs.metadata.labels ?? undefined);
      if (ref) {
        if (ref.uid !== d.metadata.uid) continue;
        if (matches) claimed.push(rs);
        else if (!d.metadata.deletionTimestamp) {
          try {
            await deps.release(d, rs);
          } catch (e) {
            if (!isGone(e)) throw e;
          }
        }
        continue;
      }
      if (d.metadata.deletionTimestamp || !matches || rs.metadata.deletionTimestamp) continue;
      await canAdopt();
      try {
        const adopted = await deps.adopt(d, rs);
        if (adopted) claimed.push(adopted);
      } catch (e) {
        if (!isGone(e)) throw e;
      }
    }
    return claimed;
  };
