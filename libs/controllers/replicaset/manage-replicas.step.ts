// Brings a ReplicaSet's active pods to spec.replicas, as kube's manageReplicas: at most 500 pods
// created or deleted per sync (burstReplicas), creations in slow-start batches, surplus pods in
// deletion-ranking order, each expected before it is asked for so that a sync before the informer
// has seen them does not create or delete again.
import type { Pod } from '@kubenest/api/core/types';
import type { ReplicaSet } from '@kubenest/api/apps/types';
import { StatusError } from '@kubenest/apimachinery';
import type { EventRecorder } from '../events';
import type { Expectations } from '../expectations';
import { keyOf } from '../queue';
import { controllerRefOf } from './claim-pods.step';
import { podsToDelete } from './deletion-ranking';
import { ReplicatedKind } from './replicated';
import { slowStartBatch } from './slow-start';

/** kube's BurstReplicas: the most creations or deletions one sync asks for. */
export const BURST_REPLICAS = 500;

export interface ManageDeps {
  kind: ReplicatedKind;
  expectations: Expectations;
  recorder: EventRecorder;
  createPod: (pod: Pod) => Promise<Pod>;
  deletePod: (namespace: string, name: string) => Promise<void>;
  /** The pods of every controller sharing this one's owner, for the colocation rank. */
  relatedPods: (rs: ReplicaSet) => Pod[];
  now: () => number;
  burstReplicas?: number;
}

/** The pod a ReplicaSet creates from its template, as kube's GetPodFromTemplate. */
export const podFromTemplate = (rs: ReplicaSet, kind: ReplicatedKind): Pod => {
  const template = rs.spec?.template ?? {};
  const meta = template.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      namespace: rs.metadata.namespace,
      generateName: `${rs.metadata.name}-`,
      labels: { ...(meta.labels ?? {}) },
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
      ownerReferences: [controllerRefOf(rs, kind)],
    },
    spec: structuredClone(template.spec),
  } as Pod;
};

/** Creation in a namespace being deleted fails for every pod: nothing is wrong with the ReplicaSet. */
const namespaceTerminating = (e: unknown): boolean =>
  StatusError.is(e) && !!e.details?.causes?.some((c) => c.reason === 'NamespaceTerminating');

const involved = (rs: ReplicaSet, kind: ReplicatedKind) => ({ ...rs, apiVersion: kind.apiVersion, kind: kind.kind });

export const manageReplicas =
  (deps: ManageDeps) =>
  async (rs: ReplicaSet, pods: Pod[]): Promise<Error | undefined> => {
    const key = keyOf(rs);
    const burst = deps.burstReplicas ?? BURST_REPLICAS;
    const diff = pods.length - (rs.spec?.replicas ?? 1);
    const owner = involved(rs, deps.kind);
    if (diff < 0) {
      const wanted = Math.min(-diff, burst);
      if (!Object.keys(rs.spec?.template?.metadata?.labels ?? {}).length)
        return new Error('unable to create pods, no labels');
      deps.expectations.expectCreations(key, wanted);
      const { successes, error } = await slowStartBatch(wanted, async () => {
        try {
          const pod = await deps.createPod(podFromTemplate(rs, deps.kind));
          deps.recorder.event(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
        } catch (e) {
          if (namespaceTerminating(e)) return;
          deps.recorder.event(owner, 'Warning', 'FailedCreate', `Error creating: ${(e as Error).message}`);
          throw e;
        }
      });
      // Creations failed or never tried will not be seen by the informer.
      for (let skipped = wanted - successes; skipped > 0; skipped--) deps.expectations.creationObserved(key);
      return error as Error | undefined;
    }
    if (diff > 0) {
      const doomed = podsToDelete(pods, deps.relatedPods(rs), Math.min(diff, burst), deps.now());
      deps.expectations.expectDeletionsOf(key, doomed.map(keyOf));
      const results = await Promise.allSettled(
        doomed.map(async (pod) => {
          try {
            await deps.deletePod(pod.metadata.namespace!, pod.metadata.name!);
            deps.recorder.event(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
          } catch (e) {
            deps.expectations.deletionObserved(key, keyOf(pod));
            if (StatusError.is(e) && e.code === 404) return;
            deps.recorder.event(owner, 'Warning', 'FailedDelete', `Error deleting: ${(e as Error).message}`);
            throw e;
          }
        }),
      );
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      return failed?.reason as Error | undefined;
    }
    return undefined;
  };
