// One sync of a Deployment, as kube's syncDeployment: claim its ReplicaSets; a Deployment being
// deleted only reports status; a paused one, or one whose replicas changed, is resized in place
// (no rollout); otherwise its strategy rolls it forward, and the status says how far it got.
import type { Deployment, ReplicaSet } from '@kubenest/api/apps/types';
import type { Pod } from '@kubenest/api/core/types';
import { labelSelectorFromObject, LabelSelector } from '@kubenest/apimachinery/selectors';
import { controllerOf } from '../informer';
import type { StepResult } from '../loop';
import { syncDeploymentStatus } from './deployment-status';
import { replicasOf } from './fenceposts';
import { cleanupHistory } from './history-cleanup';
import { replicaSetsWithRevision } from './new-replica-set';
import { setPausedCondition } from './paused-conditions';
import { scaleDeployment } from './proportional-scale';
import { PodsByReplicaSet, rolloutRecreate } from './recreate';
import { activeReplicaSets } from './replica-set-counts';
import { desiredReplicasOf } from './revision-annotations';
import { rolloutRolling } from './rolling-update';
import { DeploymentApi, recordEvent, Rollout, writeDeploymentStatus } from './rollout-context';

export interface SyncDeploymentDeps {
  api: DeploymentApi;
  /** The ReplicaSets the Deployment controls plus its namespace's orphans (the informer's). */
  claimCandidates(d: Deployment): ReplicaSet[];
  /** The pods of a namespace the selector matches (the informer's). */
  podsIn(namespace: string, selector: LabelSelector): Pod[];
  claim(d: Deployment, selector: LabelSelector, candidates: ReplicaSet[]): Promise<ReplicaSet[]>;
}

const selectsEverything = (d: Deployment): boolean => {
  const s = d.spec?.selector;
  return !!s && !Object.keys(s.matchLabels ?? {}).length && !(s.matchExpressions ?? []).length;
};

/** isScalingEvent: an active set was sized for other replicas than the Deployment asks for now. */
const isScalingEvent = async (rollout: Rollout): Promise<boolean> => {
  const { newRS, oldRSs } = await replicaSetsWithRevision(rollout, false);
  return activeReplicaSets([...oldRSs, newRS]).some((rs) => {
    const desired = desiredReplicasOf(rs);
    return desired !== undefined && desired !== replicasOf(rollout.d);
  });
};

/** kube's sync(): resize without rolling; a paused Deployment's history is trimmed too. */
const syncScale = async (rollout: Rollout): Promise<StepResult> => {
  const { newRS, oldRSs } = await replicaSetsWithRevision(rollout, false);
  await scaleDeployment(rollout, newRS, oldRSs);
  if (rollout.d.spec?.paused) await cleanupHistory(rollout, oldRSs);
  await syncDeploymentStatus(rollout, [...oldRSs, newRS], newRS);
  return {};
};

/** getPodMapForDeployment: the Deployment's pods by the uid of the set controlling them. */
const podsByReplicaSet = (pods: Pod[], rsList: ReplicaSet[]): PodsByReplicaSet => {
  const byUid: PodsByReplicaSet = new Map(rsList.map((rs) => [rs.metadata.uid!, []]));
  for (const pod of pods) {
    const uid = controllerOf(pod)?.uid;
    if (uid) byUid.get(uid)?.push(pod);
  }
  return byUid;
};

export const syncDeployment =
  (deps: SyncDeploymentDeps) =>
  async (cached: Deployment): Promise<StepResult> => {
    const rollout: Rollout = { api: deps.api, d: structuredClone(cached), rsList: [] };
    const { d } = rollout;
    if (selectsEverything(d)) {
      const message = 'This deployment is selecting all pods. A non-empty selector is required.';
      recordEvent(rollout, 'Warning', 'SelectingAll', message);
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        d.status = { ...d.status, observedGeneration: d.metadata.generation };
        await writeDeploymentStatus(rollout);
      }
      return {};
    }
    const namespace = d.metadata.namespace!;
    const selector = labelSelectorFromObject(d.spec?.selector);
    rollout.rsList = await deps.claim(d, selector, deps.claimCandidates(d));
    const claimed = rollout.rsList;
    if (d.metadata.deletionTimestamp) {
      const { newRS, oldRSs } = await replicaSetsWithRevision(rollout, false);
      await syncDeploymentStatus(rollout, [...oldRSs, newRS], newRS);
      return {};
    }
    if (setPausedCondition(d, deps.api.now())) await writeDeploymentStatus(rollout);
    if (d.spec?.paused || (await isScalingEvent(rollout))) return syncScale(rollout);
    if (d.spec?.strategy?.type === 'Recreate')
      return rolloutRecreate(rollout, () => podsByReplicaSet(deps.podsIn(namespace, selector), claimed));
    return rolloutRolling(rollout);
  };
