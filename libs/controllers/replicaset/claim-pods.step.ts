// Which active pods a ReplicaSet owns, adopting and releasing on the way, as kube's
// PodControllerRefManager.ClaimPods: a pod it controls that its selector no longer matches is
// released; an orphan it matches is adopted, unless either is being deleted, and only after a fresh
// read of the ReplicaSet shows it still there and not being deleted (the informer may lag).
import type { Pod } from '@kubenest/api/core/types';
import type { ReplicaSet } from '@kubenest/api/apps/types';
import { StatusError } from '@kubenest/apimachinery';
import { controllerOf } from '../informer';
import { ReplicatedKind, selectorOf } from './replicated';

export interface ClaimDeps {
  kind: ReplicatedKind;
  /** The ReplicaSet as the server holds it now (a quorum read). */
  getFresh: (rs: ReplicaSet) => Promise<ReplicaSet>;
  /** A strategic merge patch of a pod. */
  patchPod: (namespace: string, name: string, patch: unknown) => Promise<void>;
}

/** NotFound (the pod went away) and Invalid (the reference was gone already) leave nothing to do. */
const ignoreGoneOrInvalid = (e: unknown): void => {
  if (StatusError.is(e) && (e.code === 404 || e.code === 422)) return;
  throw e;
};

export const controllerRefOf = (rs: ReplicaSet, kind: ReplicatedKind) => ({
  apiVersion: kind.apiVersion,
  kind: kind.kind,
  name: rs.metadata.name!,
  uid: rs.metadata.uid!,
  controller: true,
  blockOwnerDeletion: true,
});

export const claimPods =
  (deps: ClaimDeps) =>
  async (rs: ReplicaSet, pods: Pod[]): Promise<Pod[]> => {
    const selector = selectorOf(rs);
    const matches = (pod: Pod) => !!selector && !selector.empty && selector.matches(pod.metadata.labels ?? undefined);
    const rsDeleting = !!rs.metadata.deletionTimestamp;
    let canAdopt: Promise<void> | undefined;
    const checkCanAdopt = () =>
      (canAdopt ??= deps.getFresh(rs).then((fresh) => {
        if (fresh.metadata.uid !== rs.metadata.uid)
          throw new Error(
            `original ${deps.kind.kind} ${rs.metadata.namespace}/${rs.metadata.name} is gone: got uid ${fresh.metadata.uid}, wanted ${rs.metadata.uid}`,
          );
        if (fresh.metadata.deletionTimestamp)
          throw new Error(
            `${rs.metadata.namespace}/${rs.metadata.name} has just been deleted at ${fresh.metadata.deletionTimestamp}`,
          );
      }));
    const claimed: Pod[] = [];
    for (const pod of pods) {
      const ref = controllerOf(pod);
      const { namespace, name, uid } = pod.metadata as { namespace: string; name: string; uid: string };
      if (ref) {
        if (ref.uid !== rs.metadata.uid) continue;
        if (matches(pod)) claimed.push(pod);
        else if (!rsDeleting) {
          const patch = { metadata: { ownerReferences: [{ $patch: 'delete', uid: rs.metadata.uid }], uid } };
          await deps.patchPod(namespace, name, patch).catch(ignoreGoneOrInvalid);
        }
        continue;
      }
      if (rsDeleting || !matches(pod) || pod.metadata.deletionTimestamp) continue;
      if (pod.metadata.namespace !== rs.metadata.namespace) continue;
      try {
        await checkCanAdopt();
      } catch (e) {
        throw new Error(`can't adopt Pod ${namespace}/${name} (${uid}): ${(e as Error).message}`);
      }
      const patch = { metadata: { ownerReferences: [controllerRefOf(rs, deps.kind)], uid } };
      try {
        await deps.patchPod(namespace, name, patch);
        claimed.push(pod);
      } catch (e) {
        if (!(StatusError.is(e) && e.code === 404)) throw e;
      }
    }
    return claimed;
  };
