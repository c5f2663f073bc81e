// The ReplicaSet and ReplicationController loops, declared on the kit: the same sync over either
// kind (an RC read as a ReplicaSet), each as kube-controller-manager's replicaset and
// replicationcontroller controllers under their own service accounts. An orphan pod that appears
// or changes enqueues the controllers whose selector matches it, so they can adopt it.
import type { Pod } from '@kubenest/api/core/types';
import type { ReplicaSet } from '@kubenest/api/apps/types';
import type { ReplicationController } from '@kubenest/api/core/types';
import { controllerServiceAccount } from '@kubenest/auth/authz/controller-policy';
import { KubeObject } from '@kubenest/apimachinery';
import { resources } from '@kubenest/client';
import { byControllerUid, CONTROLLER_UID_INDEX, controlledOrOrphans, controllerOf, Lister } from '../informer';
import { defineLoop, Loop, LoopDeps, updateFresh } from '../loop';
import { claimPods } from './claim-pods.step';
import { manageReplicas } from './manage-replicas.step';
import { REPLICA_SET_KIND, replicaSetOf, REPLICATION_CONTROLLER_KIND, ReplicatedKind, selectorOf } from './replicated';
import { syncReplicaSet } from './replicaset.reconciler';

export const REPLICASET_CONTROLLER = controllerServiceAccount('replicaset-controller');
export const REPLICATION_CONTROLLER_CONTROLLER = controllerServiceAccount('replication-controller');

export interface ReplicaLoopOptions {
  now?: () => Date;
  /** Keys synced at once (kube's --concurrent-replicaset-syncs, 5). */
  workers?: number;
  burstReplicas?: number;
}

/** The ReplicaSets (or RCs) of the orphan's namespace whose selector matches it, as kube's getPodReplicaSets. */
const adoptersOf =
  <T extends KubeObject>(asReplicaSet: (obj: T) => ReplicaSet) =>
  (orphan: KubeObject, lister: Lister<T>): T[] =>
    lister.list({ namespace: orphan.metadata.namespace }).filter((owner) => {
      const selector = selectorOf(asReplicaSet(owner));
      return !!selector && !selector.empty && selector.matches(orphan.metadata.labels ?? undefined);
    });

const reconcileAs =
  <T extends KubeObject>(kind: ReplicatedKind, asReplicaSet: (obj: T) => ReplicaSet, options: ReplicaLoopOptions) =>
  ({ client, lister, listerFor, expectations, recorder }: LoopDeps<T>) => {
    const now = options.now ?? (() => new Date());
    const pods = client.resource<Pod>(resources.pods);
    const owners = client.resource<T>(kind.resource);
    const podLister = listerFor<Pod>(resources.pods, { [CONTROLLER_UID_INDEX]: byControllerUid });
    /** The pods of the controllers sharing this one's owner (none without one), as kube's getIndirectlyRelatedPods. */
    const relatedPods = (rs: ReplicaSet): Pod[] => {
      const owner = controllerOf(rs);
      if (!owner) return [];
      const seen = new Map<string, Pod>();
      for (const sibling of lister.list({ namespace: rs.metadata.namespace }).map(asReplicaSet)) {
        if (controllerOf(sibling)?.uid !== owner.uid) continue;
        const selector = selectorOf(sibling);
        if (!selector) continue;
        for (const pod of podLister.list({ namespace: rs.metadata.namespace, selector }))
          seen.set(pod.metadata.uid!, pod);
      }
      return [...seen.values()];
    };
    const sync = syncReplicaSet({
      expectations,
      claimCandidates: (rs) => controlledOrOrphans(podLister, rs),
      claimPods: claimPods({
        kind,
        getFresh: async (rs) => asReplicaSet(await owners.get(rs.metadata.namespace, rs.metadata.name!)),
        patchPod: async (namespace, name, patch) => {
          await pods.patch(namespace, name, 'application/strategic-merge-patch+json', patch);
        },
      }),
      manageReplicas: manageReplicas({
        kind,
        expectations,
        recorder,
        createPod: (pod) => pods.create(pod),
        deletePod: async (namespace, name) => {
          await pods.delete(namespace, name);
        },
        relatedPods,
        now: () => now().getTime(),
        burstReplicas: options.burstReplicas,
      }),
      writeStatus: async (rs, status) =>
        asReplicaSet(
          await updateFresh(owners, 'status')(rs.metadata.namespace, rs.metadata.name!, (current) => {
            (current as { status?: unknown }).status = status;
          }),
        ),
      now,
    });
    return (obj: T) => sync(asReplicaSet(obj));
  };

export const replicaSetLoop = (options: ReplicaLoopOptions = {}): Loop =>
  defineLoop<ReplicaSet>({
    name: 'replicaset',
    identity: REPLICASET_CONTROLLER,
    for: resources.replicaSets,
    owns: [resources.pods],
    workers: options.workers ?? 5,
    adopters: adoptersOf((rs: ReplicaSet) => rs),
    reconcile: reconcileAs(REPLICA_SET_KIND, (rs: ReplicaSet) => rs, options),
  });

export const replicationControllerLoop = (options: ReplicaLoopOptions = {}): Loop =>
  defineLoop<ReplicationController>({
    name: 'replicationcontroller',
    identity: REPLICATION_CONTROLLER_CONTROLLER,
    for: resources.replicationControllers,
    owns: [resources.pods],
    workers: options.workers ?? 5,
    adopters: adoptersOf(replicaSetOf),
    reconcile: reconcileAs(REPLICATION_CONTROLLER_KIND, replicaSetOf, options),
  });
