// The endpointslice loop (kube's endpointslice controller) on the kit: for every Service with a
// selector, slices labelled with its name and this controller as manager, owned by the Service
// (so the garbage collector removes them with it); a pod's change enqueues the Services selecting
// it, a slice's change its owning Service.
import type { Node, Pod, Service } from '@kubenest/api/core/types';
import { EndpointSlice, MANAGED_BY_LABEL, SERVICE_NAME_LABEL, SlicePort } from '@kubenest/api/discovery-k8s-io';
import { controllerServiceAccount } from '@kubenest/auth/authz/controller-policy';
import { StatusError } from '@kubenest/apimachinery';
import { resources } from '@kubenest/client';
import { defineLoop, enqueueMapped, Loop, Step } from '../loop';
import { keyOf } from '../queue';
import { podsOf, serviceSelector, servicesSelecting } from '../endpoints/service-pods';
import { HEADLESS_LABEL } from '../endpoints/sync-endpoints.step';
import { addressTypesOf, desiredEndpoints } from './desired-endpoints';
import { planSlices, SlicePlan } from './plan-slices';

export const ENDPOINTSLICE_CONTROLLER = controllerServiceAccount('endpointslice-controller');
export const MANAGED_BY = 'endpointslice-controller.k8s.io';
/** kube's --max-endpoints-per-slice default. */
export const DEFAULT_MAX_ENDPOINTS_PER_SLICE = 100;

export interface EndpointSliceLoopOptions {
  maxEndpointsPerSlice?: number;
  workers?: number;
}

export interface SyncSlicesDeps {
  podsOf(svc: Service): Pod[];
  nodeOf(name: string): Node | undefined;
  /** The slices this controller manages for the Service. */
  slicesOf(svc: Service): EndpointSlice[];
  /**
   * Writes the plan. The slices it creates are expected (by the Service's key) until the informer
   * shows them, as kube's endpointSliceTracker waits: a sync before then would create them twice.
   */
  apply(svc: Service, plan: SlicePlan): Promise<void>;
  /** Whether every slice created for the Service has been seen. */
  creationsSeen(key: string): boolean;
  maxEndpointsPerSlice: number;
}

const RESERVED_LABELS = new Set([SERVICE_NAME_LABEL, MANAGED_BY_LABEL, HEADLESS_LABEL]);

/** The Service's labels but the reserved ones, which the controller sets itself (kube's setEndpointSliceLabels). */
export const sliceLabels = (svc: Service): Record<string, string> => ({
  ...Object.fromEntries(Object.entries(svc.metadata.labels ?? {}).filter(([key]) => !RESERVED_LABELS.has(key))),
  ...(!svc.spec?.clusterIP || svc.spec.clusterIP === 'None' ? { [HEADLESS_LABEL]: '' } : {}),
  [SERVICE_NAME_LABEL]: svc.metadata.name!,
  [MANAGED_BY_LABEL]: MANAGED_BY,
});

const newSliceFor =
  (svc: Service, addressType: EndpointSlice['addressType']) =>
  ({ ports }: { ports: SlicePort[] }): EndpointSlice => ({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      namespace: svc.metadata.namespace,
      generateName: `${svc.metadata.name}-`,
      labels: sliceLabels(svc),
      ownerReferences: [
        {
          apiVersion: 'v1',
          kind: 'Service',
          name: svc.metadata.name!,
          uid: svc.metadata.uid!,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    addressType,
    endpoints: [],
    ports,
  });

export const syncSlices =
  (deps: SyncSlicesDeps): Step<Service> =>
  async (svc) => {
    if (!serviceSelector(svc) || svc.spec?.type === 'ExternalName' || svc.metadata.deletionTimestamp) return;
    // The informer's sight of the slices made enqueues the Service again.
    if (!deps.creationsSeen(keyOf(svc))) return;
    const pods = deps.podsOf(svc);
    const slices = deps.slicesOf(svc);
    const types = addressTypesOf(svc);
    const plan: SlicePlan = { create: [], update: [], delete: [] };
    for (const type of types) {
      const part = planSlices({
        addressType: type,
        desired: desiredEndpoints(svc, type, pods, deps.nodeOf),
        existing: slices.filter((s) => s.addressType === type),
        maxEndpointsPerSlice: deps.maxEndpointsPerSlice,
        newSlice: newSliceFor(svc, type),
        labels: sliceLabels(svc),
      });
      plan.create.push(...part.create);
      plan.update.push(...part.update);
      plan.delete.push(...part.delete);
    }
    // Slices of an address type the Service no longer has.
    plan.delete.push(...slices.filter((s) => !types.includes(s.addressType)));
    if (plan.create.length + plan.update.length + plan.delete.length) await deps.apply(svc, plan);
  };

export const endpointSliceLoop = (options: EndpointSliceLoopOptions = {}): Loop =>
  defineLoop<Service>({
    name: 'endpointslice',
    identity: ENDPOINTSLICE_CONTROLLER,
    for: resources.services,
    owns: [resources.endpointSlices],
    watches: [{ resource: resources.pods, keys: enqueueMapped((pod, services) => servicesSelecting(pod, services)) }],
    // kube's --concurrent-service-endpoint-syncs.
    workers: options.workers ?? 5,
    reconcile: ({ client, listerFor, expectations }) => {
      const pods = listerFor<Pod>(resources.pods);
      const nodes = listerFor<Node>(resources.nodes);
      const slices = listerFor<EndpointSlice>(resources.endpointSlices);
      const api = client.resource<EndpointSlice>(resources.endpointSlices);
      return syncSlices({
        podsOf: (svc) => podsOf(svc, pods),
        nodeOf: (name) => nodes.get(undefined, name),
        slicesOf: (svc) =>
          slices
            .list({ namespace: svc.metadata.namespace })
            .filter(
              (s) =>
                s.metadata.labels?.[SERVICE_NAME_LABEL] === svc.metadata.name &&
                s.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY,
            ),
        maxEndpointsPerSlice: options.maxEndpointsPerSlice ?? DEFAULT_MAX_ENDPOINTS_PER_SLICE,
        creationsSeen: (key) => expectations.satisfied(key),
        apply: async (svc, plan) => {
          const key = keyOf(svc);
          expectations.expectCreations(key, plan.create.length);
          // Creations first and deletions last, as kube's reconciler: a consumer never misses an endpoint.
          let created = 0;
          try {
            for (const s of plan.create) {
              await api.create(s);
              created++;
            }
          } finally {
            // Creations that failed or were never tried will never be seen: not waited for.
            for (let missing = plan.create.length - created; missing > 0; missing--) expectations.creationObserved(key);
          }
          for (const s of plan.update) await api.update(s);
          for (const s of plan.delete)
            await api.delete(s.metadata.namespace, s.metadata.name!).catch((e: unknown) => {
              // Already gone: the informer had not shown it yet.
              if (!(StatusError.is(e) && e.code === 404)) throw e;
            });
        },
      });
    },
  });
