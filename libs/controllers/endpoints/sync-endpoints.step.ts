// The endpoints loop's one step, as kube's syncService: a Service with a selector gets an Endpoints
// object of its name holding its pods' addresses, written only when they (or its labels, or the
// over-capacity mark) change; a Service without a selector, or of type ExternalName, is left alone.
import { isDeepStrictEqual } from 'node:util';
import type { Endpoints, Pod, Service } from '@kubenest/api/core/types';
import type { Step } from '../loop';
import { desiredSubsets } from './endpoint-subsets';
import { serviceSelector } from './service-pods';

export const TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';
export const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';

export interface SyncEndpointsDeps {
  podsOf(svc: Service): Pod[];
  /** When the oldest change this sync carries happened (a TriggerTimeTracker's compute). */
  triggerTime(svc: Service, pods: Pod[]): string | undefined;
  /** The Endpoints as the informer holds it. */
  currentEndpoints(namespace: string, name: string): Endpoints | undefined;
  create(ep: Endpoints): Promise<unknown>;
  update(ep: Endpoints): Promise<unknown>;
}

/** The Service's labels, and the headless mark when it has no cluster IP (kube's IsServiceIPSet). */
const labelsFor = (svc: Service): Record<string, string> => ({
  ...(svc.metadata.labels ?? {}),
  ...(!svc.spec?.clusterIP || svc.spec.clusterIP === 'None' ? { [HEADLESS_LABEL]: '' } : {}),
});

export const syncEndpoints =
  (deps: SyncEndpointsDeps): Step<Service> =>
  async (svc) => {
    if (!serviceSelector(svc) || svc.spec?.type === 'ExternalName' || svc.metadata.deletionTimestamp) return;
    const namespace = svc.metadata.namespace!;
    const name = svc.metadata.name!;
    const pods = deps.podsOf(svc);
    // Computed on every sync, written or not, so that the tracker sees each change once.
    const triggerTime = deps.triggerTime(svc, pods);
    const { subsets, truncated } = desiredSubsets(svc, pods);
    const current = deps.currentEndpoints(namespace, name);
    const labels = labelsFor(svc);
    const annotations = { ...(current?.metadata.annotations ?? {}) };
    const wasTruncated = annotations[OVER_CAPACITY_ANNOTATION] === 'truncated';
    if (
      current &&
      isDeepStrictEqual(current.subsets ?? [], subsets) &&
      isDeepStrictEqual(current.metadata.labels ?? {}, labels) &&
      wasTruncated === truncated
    )
      return;
    if (triggerTime) annotations[TRIGGER_TIME_ANNOTATION] = triggerTime;
    else delete annotations[TRIGGER_TIME_ANNOTATION];
    if (truncated) annotations[OVER_CAPACITY_ANNOTATION] = 'truncated';
    else delete annotations[OVER_CAPACITY_ANNOTATION];
    const metadata = { ...(current?.metadata ?? { namespace, name }), labels, annotations };
    const ep: Endpoints = { apiVersion: 'v1', kind: 'Endpoints', ...current, metadata, subsets };
    await (current ? deps.update(ep) : deps.create(ep));
  };
