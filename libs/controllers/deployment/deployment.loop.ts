// The Deployment loop, declared on the kit: for each Deployment, the ReplicaSets it controls are
// claimed, sized and rolled as kube-controller-manager's deployment controller does, acting as
// kube-system's deployment-controller service account. Pods are the ReplicaSet loop's business;
// this loop only reads them (Recreate waits for the old ones to be gone).
import type { Deployment, ReplicaSet } from '@kubenest/api/apps/types';
import type { Pod } from '@kubenest/api/core/types';
import { controllerServiceAccount } from '@kubenest/auth/authz/controller-policy';
import { resources } from '@kubenest/client';
import type { KubeObject } from '@kubenest/apimachinery';
import { labelSelectorFromObject } from '@kubenest/apimachinery/selectors';
import { ClientEventRecorder } from '../events';
import { byControllerUid, CONTROLLER_UID_INDEX, controlledOrOrphans, controllerOf, Lister } from '../informer';
import { defineLoop, ignoreNotFound, Loop, updateFresh } from '../loop';
import { claimReplicaSets } from './claim-replica-sets';
import { deploymentRef } from './new-replica-set';
import { DeploymentApi } from './rollout-context';
import { syncDeployment } from './sync-deployment';

export const DEPLOYMENT_CONTROLLER = controllerServiceAccount('deployment-controller');

export interface DeploymentLoopOptions {
  now?: () => Date;
}

/** The set was replaced or got another controller between the lister's read and ours. */
class TakenMeanwhile extends Error {}

/** The Deployments of an orphan ReplicaSet's namespace whose selector matches it, as kube's getDeploymentsForReplicaSet. */
const adoptersOf = (orphan: KubeObject, lister: Lister<Deployment>): Deployment[] =>
  lister.list({ namespace: orphan.metadata.namespace }).filter((d) => {
    try {
      const selector = labelSelectorFromObject(d.spec?.selector);
      return !selector.empty && selector.matches(orphan.metadata.labels ?? undefined);
    } catch {
      return false;
    }
  });

export const deploymentLoop = (options: DeploymentLoopOptions = {}): Loop =>
  defineLoop<Deployment>({
    name: 'deployment',
    identity: DEPLOYMENT_CONTROLLER,
    for: resources.deployments,
    owns: [resources.replicaSets],
    adopters: adoptersOf,
    // kube-controller-manager's --concurrent-deployment-syncs defaults to 5.
    workers: 5,
    reconcile: ({ client, listerFor, logger }) => {
      // Events name their source as kube's do (`kubectl describe` shows From: deployment-controller).
      const recorder = new ClientEventRecorder({ client, component: 'deployment-controller', logger });
      const now = options.now ?? (() => new Date());
      const replicaSetLister = listerFor<ReplicaSet>(resources.replicaSets, {
        [CONTROLLER_UID_INDEX]: byControllerUid,
      });
      const podLister = listerFor<Pod>(resources.pods);
      const replicaSets = client.resource<ReplicaSet>(resources.replicaSets);
      const deployments = client.resource<Deployment>(resources.deployments);
      const writeReplicaSet = updateFresh(replicaSets);
      const api: DeploymentApi = {
        createReplicaSet: (rs) => replicaSets.create(rs),
        updateReplicaSet: (rs) => replicaSets.update(rs),
        deleteReplicaSet: async (namespace, name) => {
          await replicaSets.delete(namespace, name);
        },
        updateDeploymentStatus: (d) => deployments.updateStatus(d),
        cachedReplicaSet: (namespace, name) => replicaSetLister.get(namespace, name),
        recordEvent: (d, type, reason, message) =>
          recorder.event({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: d.metadata }, type, reason, message),
        now,
      };
      const claim = claimReplicaSets({
        adopt: async (d, rs) => {
          try {
            return await writeReplicaSet(rs.metadata.namespace, rs.metadata.name!, (current) => {
              if (current.metadata.uid !== rs.metadata.uid || controllerOf(current)) throw new TakenMeanwhile();
              current.metadata.ownerReferences = [...(current.metadata.ownerReferences ?? []), deploymentRef(d)];
            });
          } catch (e) {
            if (e instanceof TakenMeanwhile) return undefined;
            throw e;
          }
        },
        release: async (d, rs) => {
          await writeReplicaSet(rs.metadata.namespace, rs.metadata.name!, (current) => {
            current.metadata.ownerReferences = (current.metadata.ownerReferences ?? []).filter(
              (ref) => ref.uid !== d.metadata.uid,
            );
          });
        },
        getFresh: (d) => deployments.get(d.metadata.namespace, d.metadata.name!),
      });
      return ignoreNotFound(
        syncDeployment({
          api,
          claimCandidates: (d) => controlledOrOrphans(replicaSetLister, d),
          podsIn: (namespace, selector) => podLister.list({ namespace, selector }),
          claim,
        }),
      );
    },
  });
