// The built-in resources the loops, the scheduler and the agent address, by their URL names.
import { ResourceRef } from './resource-client';

const core = (resource: string): ResourceRef => ({ group: '', version: 'v1', resource });

export const resources = {
  namespaces: core('namespaces'),
  nodes: core('nodes'),
  pods: core('pods'),
  secrets: core('secrets'),
  configMaps: core('configmaps'),
  services: core('services'),
  endpoints: core('endpoints'),
  events: core('events'),
  serviceAccounts: core('serviceaccounts'),
  endpointSlices: { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' },
  leases: { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' },
  priorityClasses: { group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses' },
  certificateSigningRequests: { group: 'certificates.k8s.io', version: 'v1', resource: 'certificatesigningrequests' },
  deployments: { group: 'apps', version: 'v1', resource: 'deployments' },
  replicaSets: { group: 'apps', version: 'v1', resource: 'replicasets' },
  replicationControllers: core('replicationcontrollers'),
} satisfies Record<string, ResourceRef>;
