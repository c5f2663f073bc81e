// Sizing one ReplicaSet for a Deployment, as kube's scaleReplicaSet: the replicas annotations
// follow the Deployment on every write, and a change of size is told as a ScalingReplicaSet event
// ("Scaled up replica set web-7d9f from 0 to 3", kube 1.33's wording).
import type { ReplicaSet } from '@kubenest/api/apps/types';
import {
  deploymentReplicasAnnotations,
  replicasAnnotationsNeedUpdate,
  setReplicasAnnotations,
} from './revision-annotations';
import { specReplicas } from './replica-set-counts';
import { recordEvent, Rollout, updateReplicaSet } from './rollout-context';

export interface ScaleResult {
  scaled: boolean;
  rs: ReplicaSet;
}

export const scaleReplicaSet = async (
  rollout: Rollout,
  rs: ReplicaSet,
  newScale: number,
  operation: 'up' | 'down' | '',
): Promise<ScaleResult> => {
  const [desired, max] = deploymentReplicasAnnotations(rollout.d);
  const oldScale = specReplicas(rs);
  const sizeChanges = oldScale !== newScale;
  if (!sizeChanges && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
  const copy = structuredClone(rs);
  copy.spec = { ...copy.spec!, replicas: newScale };
  setReplicasAnnotations(copy, desired, max);
  const updated = await updateReplicaSet(rollout, copy);
  if (sizeChanges) {
    const name = updated.metadata.name ?? '';
    recordEvent(
      rollout,
      'Normal',
      'ScalingReplicaSet',
      `Scaled ${operation} replica set ${name} from ${oldScale} to ${newScale}`,
    );
  }
  return { scaled: sizeChanges, rs: updated };
};

/** scaleReplicaSetAndRecordEvent: nothing to do at the same size. */
export const scaleReplicaSetTo = (rollout: Rollout, rs: ReplicaSet, newScale: number): Promise<ScaleResult> =>
  specReplicas(rs) === newScale
    ? Promise.resolve({ scaled: false, rs })
    : scaleReplicaSet(rollout, rs, newScale, specReplicas(rs) < newScale ? 'up' : 'down');
