// The new ReplicaSet of a Deployment (the one whose template is the Deployment's) and the old
// ones, as kube's getAllReplicaSetsAndSyncRevision / getNewReplicaSet: the new set takes the
// revision after the highest old one (so a set brought back by `kubectl rollout undo` moves to
// the top, its former revision kept in revision-history) and the Deployment takes the new set's
// revision; when asked, a missing new set is created, named `<deployment>-<pod-template-hash>`,
// and a name taken by someone else's set bumps status.collisionCount for the next try.
import type { Deployment, ReplicaSet } from '@kubenest/api/apps/types';
import { StatusError } from '@kubenest/apimachinery';
import { controllerOf } from '../informer';
import {
  getCondition,
  hasProgressDeadline,
  newCondition,
  PROGRESSING,
  reasons,
  setCondition,
} from './deployment-conditions';
import { newReplicaSetSize } from './new-replica-set-size';
import { computeHash, equalIgnoreHash, POD_TEMPLATE_HASH_LABEL } from './pod-template-hash';
import { byCreation, specReplicas } from './replica-set-counts';
import {
  maxRevision,
  REVISION_ANNOTATION,
  setDeploymentRevision,
  setNewReplicaSetAnnotations,
} from './revision-annotations';
import { recordEvent, rememberReplicaSet, Rollout, updateReplicaSet, writeDeploymentStatus } from './rollout-context';

/** FindNewReplicaSet: the oldest set with the Deployment's template (there may be several after an upgrade). */
export const findNewReplicaSet = (d: Deployment, rsList: ReplicaSet[]): ReplicaSet | undefined =>
  [...rsList].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));

/** FindOldReplicaSets: every set but the new one. */
export const findOldReplicaSets = (d: Deployment, rsList: ReplicaSet[]): ReplicaSet[] => {
  const newRS = findNewReplicaSet(d, rsList);
  return rsList.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid);
};

export interface ReplicaSetsOfDeployment {
  newRS?: ReplicaSet;
  oldRSs: ReplicaSet[];
}

/** The ownerReference a Deployment's ReplicaSets carry, as metav1.NewControllerRef. */
export const deploymentRef = (d: Deployment) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  name: d.metadata.name!,
  uid: d.metadata.uid!,
  controller: true,
  blockOwnerDeletion: true,
});

/** The set a Deployment would create now, with `replicas` still to decide. */
export const newReplicaSetFor = (d: Deployment): ReplicaSet => {
  const template = structuredClone(d.spec!.template);
  const hash = computeHash(template, d.status?.collisionCount);
  const labels = { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  template.metadata = { ...template.metadata, labels };
  const selector = structuredClone(d.spec!.selector);
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      ownerReferences: [deploymentRef(d)],
      labels: { ...labels },
    },
    spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds, selector, template },
  };
};

const syncExistingNewReplicaSet = async (rollout: Rollout, existing: ReplicaSet, newRevision: number) => {
  const { d } = rollout;
  const copy = structuredClone(existing);
  const annotationsChanged = setNewReplicaSetAnnotations(d, copy, newRevision, true);
  const minReadySeconds = d.spec?.minReadySeconds ?? 0;
  if (annotationsChanged || (copy.spec?.minReadySeconds ?? 0) !== minReadySeconds) {
    copy.spec = { ...copy.spec!, minReadySeconds };
    return updateReplicaSet(rollout, copy);
  }
  let statusChanged = setDeploymentRevision(d, copy.metadata.annotations?.[REVISION_ANNOTATION]);
  // A Deployment that never had a Progressing condition starts counting its progress from here.
  if (hasProgressDeadline(d) && !getCondition(d.status, PROGRESSING)) {
    d.status ??= {};
    const message = `Found new replica set ${JSON.stringify(copy.metadata.name)}`;
    setCondition(d.status, newCondition(PROGRESSING, 'True', reasons.foundNewReplicaSet, message, rollout.api.now()));
    statusChanged = true;
  }
  if (statusChanged) await writeDeploymentStatus(rollout);
  return copy;
};

/** A set of that name already there: ours with our template is the one just created; anything else is a collision. */
const takenName = async (rollout: Rollout, wanted: ReplicaSet, error: unknown): Promise<ReplicaSet> => {
  const { d } = rollout;
  const found = rollout.api.cachedReplicaSet(wanted.metadata.namespace!, wanted.metadata.name!);
  if (found && controllerOf(found)?.uid === d.metadata.uid && equalIgnoreHash(d.spec?.template, found.spec?.template))
    return found;
  d.status ??= {};
  d.status.collisionCount = (d.status.collisionCount ?? 0) + 1;
  await writeDeploymentStatus(rollout);
  throw error;
};

const createNewReplicaSet = async (rollout: Rollout, oldRSs: ReplicaSet[], newRevision: number) => {
  const { d, api } = rollout;
  const wanted = newReplicaSetFor(d);
  wanted.spec!.replicas = newReplicaSetSize(d, [...oldRSs, wanted], wanted);
  setNewReplicaSetAnnotations(d, wanted, newRevision, false);
  let created: ReplicaSet;
  let alreadyExists = false;
  try {
    created = await api.createReplicaSet(wanted);
  } catch (error) {
    if (!StatusError.is(error)) throw error;
    if (error.code === 409 && error.reason === 'AlreadyExists') {
      alreadyExists = true;
      created = await takenName(rollout, wanted, error);
    } else {
      // A namespace being deleted refuses every creation: nothing to report on the Deployment.
      if (error.details?.causes?.some((c) => c.reason === 'NamespaceTerminating')) throw error;
      const message = `Failed to create new replica set ${JSON.stringify(wanted.metadata.name)}: ${error.message}`;
      if (hasProgressDeadline(d)) {
        d.status ??= {};
        setCondition(d.status, newCondition(PROGRESSING, 'False', reasons.replicaSetCreateError, message, api.now()));
        await writeDeploymentStatus(rollout).catch(() => undefined);
      }
      recordEvent(rollout, 'Warning', reasons.replicaSetCreateError, message);
      throw error;
    }
  }
  rememberReplicaSet(rollout, created);
  const replicas = specReplicas(wanted);
  if (!alreadyExists && replicas > 0)
    recordEvent(
      rollout,
      'Normal',
      'ScalingReplicaSet',
      `Scaled up replica set ${created.metadata.name} from 0 to ${replicas}`,
    );
  let statusChanged = setDeploymentRevision(d, String(newRevision));
  if (!alreadyExists && hasProgressDeadline(d)) {
    d.status ??= {};
    const message = `Created new replica set ${JSON.stringify(created.metadata.name)}`;
    setCondition(d.status, newCondition(PROGRESSING, 'True', reasons.newReplicaSetCreated, message, api.now()));
    statusChanged = true;
  }
  if (statusChanged) await writeDeploymentStatus(rollout);
  return created;
};

/** getAllReplicaSetsAndSyncRevision. */
export const replicaSetsWithRevision = async (
  rollout: Rollout,
  createIfMissing: boolean,
): Promise<ReplicaSetsOfDeployment> => {
  const oldRSs = findOldReplicaSets(rollout.d, rollout.rsList);
  const existing = findNewReplicaSet(rollout.d, rollout.rsList);
  const newRevision = maxRevision(oldRSs) + 1;
  if (existing) return { newRS: await syncExistingNewReplicaSet(rollout, existing, newRevision), oldRSs };
  if (!createIfMissing) return { oldRSs };
  return { newRS: await createNewReplicaSet(rollout, oldRSs, newRevision), oldRSs };
};
