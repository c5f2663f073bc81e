// The annotations a Deployment keeps on its ReplicaSets, as kube's deploymentutil: the revision
// (and the revisions a ReplicaSet had before a rollback brought it back), the replicas the
// Deployment wanted when it last sized the set (what proportional scaling divides by), and the
// Deployment's own annotations but for those that belong to one object only.
import type { Deployment, ReplicaSet } from '@kubenest/api/apps/types';
import { maxSurge, replicasOf } from './fenceposts';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
/** kubectl apply's record of the last applied object: each object has its own. */
const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
/** The extensions/v1beta1 rollback request, never copied. */
const ROLLBACK_TO_ANNOTATION = 'deprecated.deployment.rollback.to';
/** kube's maxRevHistoryLengthInChars. */
export const MAX_REVISION_HISTORY_CHARS = 2000;

const NOT_COPIED = new Set([
  LAST_APPLIED_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  ROLLBACK_TO_ANNOTATION,
]);

type Annotated = { metadata: { annotations?: Record<string, string> | null } };

const annotationsOf = (obj: Annotated): Record<string, string> => (obj.metadata.annotations ??= {});

const parseWhole = (text: string | undefined): number | undefined =>
  text !== undefined && /^[+-]?\d+$/.test(text) ? Number(text) : undefined;

/** deploymentutil.Revision: the revision annotation as a number, 0 when absent or not a number. */
export const revisionOf = (obj: Annotated): number => parseWhole(obj.metadata.annotations?.[REVISION_ANNOTATION]) ?? 0;

/** deploymentutil.MaxRevision. */
export const maxRevision = (sets: ReplicaSet[]): number => Math.max(0, ...sets.map(revisionOf));

/** copyDeploymentAnnotationsToReplicaSet: answers whether anything changed. */
const copyDeploymentAnnotations = (d: Deployment, rs: ReplicaSet): boolean => {
  const target = annotationsOf(rs);
  let changed = false;
  for (const [key, value] of Object.entries(d.metadata.annotations ?? {})) {
    if (NOT_COPIED.has(key) || target[key] === value) continue;
    target[key] = value;
    changed = true;
  }
  return changed;
};

/** The revisions a set had, oldest dropped first so that the list stays within the limit. */
const appendHistory = (history: string, revision: string, limit: number): string | undefined => {
  if (!history) return revision;
  const revisions = history.split(',');
  let length = history.length + revision.length + 1;
  let start = 0;
  while (length > limit && start < revisions.length) length -= revisions[start++].length + 1;
  return length <= limit ? [...revisions.slice(start), revision].join(',') : undefined;
};

/** SetReplicasAnnotations: answers whether anything changed. */
export const setReplicasAnnotations = (rs: ReplicaSet, desired: number, max: number): boolean => {
  const annotations = annotationsOf(rs);
  let changed = false;
  for (const [key, value] of [
    [DESIRED_REPLICAS_ANNOTATION, String(desired)],
    [MAX_REPLICAS_ANNOTATION, String(max)],
  ] as const) {
    if (annotations[key] === value) continue;
    annotations[key] = value;
    changed = true;
  }
  return changed;
};

/** ReplicasAnnotationsNeedUpdate. */
export const replicasAnnotationsNeedUpdate = (rs: ReplicaSet, desired: number, max: number): boolean =>
  rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION] !== String(desired) ||
  rs.metadata.annotations?.[MAX_REPLICAS_ANNOTATION] !== String(max);

/** The replicas annotations a Deployment sets on what it sizes: its replicas, and those plus its surge. */
export const deploymentReplicasAnnotations = (d: Deployment): [number, number] => [
  replicasOf(d),
  replicasOf(d) + maxSurge(d),
];

/**
 * SetNewReplicaSetAnnotations: the Deployment's annotations, the new revision when it is higher
 * (keeping the former one in the history: a set taking a new revision is one brought back), and
 * for a set about to be created the replicas annotations. Answers whether anything changed.
 */
export const setNewReplicaSetAnnotations = (
  d: Deployment,
  rs: ReplicaSet,
  newRevision: number,
  exists: boolean,
  historyLimit = MAX_REVISION_HISTORY_CHARS,
): boolean => {
  let changed = copyDeploymentAnnotations(d, rs);
  const annotations = annotationsOf(rs);
  const previous = annotations[REVISION_ANNOTATION];
  const previousRevision = previous === undefined || previous === '' ? 0 : parseWhole(previous);
  // A revision that is not a number is left alone, as kube does.
  if (previousRevision === undefined) return false;
  if (previousRevision < newRevision) {
    annotations[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (previous !== undefined) {
      const history = appendHistory(annotations[REVISION_HISTORY_ANNOTATION] ?? '', previous, historyLimit);
      if (history !== undefined) annotations[REVISION_HISTORY_ANNOTATION] = history;
    }
  }
  if (!exists && setReplicasAnnotations(rs, ...deploymentReplicasAnnotations(d))) changed = true;
  return changed;
};

/** SetDeploymentRevision: answers whether it changed. */
export const setDeploymentRevision = (d: Deployment, revision: string | undefined): boolean => {
  const annotations = annotationsOf(d);
  if (annotations[REVISION_ANNOTATION] === revision || revision === undefined) return false;
  annotations[REVISION_ANNOTATION] = revision;
  return true;
};

/** The desired-replicas annotation, when it is a number. */
export const desiredReplicasOf = (rs: ReplicaSet): number | undefined =>
  parseWhole(rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION]);

/** The max-replicas annotation, when it is a number. */
export const maxReplicasOf = (rs: ReplicaSet): number | undefined =>
  parseWhole(rs.metadata.annotations?.[MAX_REPLICAS_ANNOTATION]);
