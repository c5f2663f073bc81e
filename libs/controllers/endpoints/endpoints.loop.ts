// The endpoints loop (kube's endpoints controller) on the kit: for every Service, its Endpoints;
// a pod's change enqueues the Services selecting it (before and after), an Endpoints' change its
// Service, and a deleted Service's Endpoints go with it.
import type { Endpoints, Pod, Service } from '@kubenest/api/core/types';
import { controllerServiceAccount } from '@kubenest/auth/authz/controller-policy';
import { StatusError } from '@kubenest/apimachinery';
import { resources } from '@kubenest/client';
import { defineLoop, enqueueMapped, Loop } from '../loop';
import { podsOf, servicesSelecting } from './service-pods';
import { syncEndpoints } from './sync-endpoints.step';
import { TriggerTimeTracker } from './trigger-time-tracker';

export const ENDPOINT_CONTROLLER = controllerServiceAccount('endpoint-controller');

const splitKey = (key: string): [string, string] => {
  const [namespace, name] = key.split('/');
  return [namespace, name];
};

export const endpointsLoop = (options: { workers?: number } = {}): Loop => {
  const tracker = new TriggerTimeTracker();
  return defineLoop<Service>({
    name: 'endpoint',
    identity: ENDPOINT_CONTROLLER,
    for: resources.services,
    watches: [
      { resource: resources.pods, keys: enqueueMapped((pod, services) => servicesSelecting(pod, services)) },
      // An Endpoints deleted or changed by hand is made right again.
      {
        resource: resources.endpoints,
        keys: enqueueMapped((ep, services) =>
          [services.get(ep.metadata.namespace, ep.metadata.name!)].filter((s): s is Service => !!s),
        ),
      },
    ],
    // kube's --concurrent-endpoint-syncs.
    workers: options.workers ?? 5,
    reconcile: ({ client, listerFor }) => {
      const pods = listerFor<Pod>(resources.pods);
      const endpoints = listerFor<Endpoints>(resources.endpoints);
      const api = client.resource<Endpoints>(resources.endpoints);
      return syncEndpoints({
        podsOf: (svc) => podsOf(svc, pods),
        triggerTime: (svc, selected) => tracker.compute(svc, selected),
        currentEndpoints: (namespace, name) => endpoints.get(namespace, name),
        create: (ep) => api.create(ep),
        update: (ep) => api.update(ep),
      });
    },
    gone:
      ({ client }) =>
      async (key) => {
        const [namespace, name] = splitKey(key);
        tracker.delete(namespace, name);
        try {
          await client.resource(resources.endpoints).delete(namespace, name);
        } catch (e) {
          if (!(StatusError.is(e) && e.code === 404)) throw e;
        }
      },
  });
};
