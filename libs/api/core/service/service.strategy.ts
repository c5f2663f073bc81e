// core/v1 Service: defaults, a cluster IP (and node ports) on create, cluster IPs fixed once
// set, status through /status, and the columns of `kubectl get services`.
import type { Strategy } from '@kubenest/registry';
import { nameIsDNS1035Label } from '@kubenest/apimachinery/validation';
import { validateKubeFinalizerName } from '../../common/builtin-meta';
import { ageColumn, column, formatLabels } from '../../common/columns';
import {
  allocateServiceAddresses,
  defaultServiceSpec,
  keepAllocatedAddresses,
  needsClusterIP,
} from './service-defaults';
import { validateServiceSpec, validateServiceSpecUpdate } from './service-validation';
import { Service } from '../types';

// The server always renders the wide form, so load-balancer addresses are never shortened.
const loadBalancerAddresses = (svc: Service): string[] =>
  [...new Set((svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter(Boolean))].sort();

/** EXTERNAL-IP as kubectl shows it for each service type. */
export const serviceExternalIP = (svc: Service): string => {
  const spec = svc.spec ?? {};
  const externalIPs = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const all = [...loadBalancerAddresses(svc), ...externalIPs];
      return all.length ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
    default:
      return '<unknown>';
  }
};

/** PORT(S): "80/TCP", or "80:30080/TCP" with a node port. */
export const servicePorts = (svc: Service): string => {
  const ports = (svc.spec?.ports ?? []).map((p) =>
    p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`,
  );
  return ports.length ? ports.join(',') : '<none>';
};

export const serviceStrategy: Strategy<Service> = {
  kind: {
    group: '',
    version: 'v1',
    kind: 'Service',
    plural: 'services',
    singular: 'service',
    shortNames: ['svc'],
    categories: ['all'],
  },
  namespaced: true,
  nameValidator: nameIsDNS1035Label,
  validateFinalizerName: validateKubeFinalizerName,
  prepareForCreate: (svc) => {
    svc.spec ??= {};
    defaultServiceSpec(svc.spec);
    allocateServiceAddresses(svc.spec);
    svc.status = { loadBalancer: {} };
  },
  prepareForUpdate: (svc, old) => {
    svc.spec ??= {};
    defaultServiceSpec(svc.spec);
    if (needsClusterIP(svc.spec) && !needsClusterIP(old.spec ?? {})) allocateServiceAddresses(svc.spec);
    else keepAllocatedAddresses(svc.spec, old.spec ?? {});
  },
  validate: (svc) => validateServiceSpec(svc.spec),
  validateUpdate: (svc, old) => validateServiceSpecUpdate(svc.spec, old.spec),
  status: {},
  columns: [
    column('Type', (svc) => svc.spec?.type ?? '', {
      description: 'The type of the service: ClusterIP, NodePort, LoadBalancer or ExternalName.',
    }),
    column('Cluster-IP', (svc) => svc.spec?.clusterIPs?.[0] ?? '<none>', {
      description: 'The IP address of the service within the cluster.',
    }),
    column('External-IP', serviceExternalIP, {
      description: 'Addresses the service is reachable at from outside the cluster.',
    }),
    column('Port(s)', servicePorts, { description: 'The ports exposed by the service.' }),
    ageColumn,
    column('Selector', (svc) => formatLabels(svc.spec?.selector as Record<string, string> | undefined), {
      priority: 1,
      description: 'Labels of the pods the service routes traffic to.',
    }),
  ],
  fieldSelectors: {
    'spec.clusterIP': (svc) => svc.spec?.clusterIP ?? '',
    'spec.type': (svc) => svc.spec?.type ?? '',
  },
};
