// Hand-made strategies for the OpenAPI and discovery tests: only the fields those builders read.
import { nameIsDNSSubdomain } from '@kubenest/apimachinery/validation';
import { Strategy } from '@kubenest/registry';

const strategy = (s: Partial<Strategy> & Pick<Strategy, 'kind' | 'namespaced'>): Strategy => ({
  nameValidator: nameIsDNSSubdomain,
  validate: () => [],
  ...s,
});

const scale = { specReplicas: () => 1, setSpecReplicas: () => undefined, statusReplicas: () => 1, selector: () => '' };

export const testStrategies: Strategy[] = [
  strategy({
    kind: { group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', shortNames: ['ns'] },
    namespaced: false,
    status: {},
  }),
  strategy({
    kind: { group: '', version: 'v1', kind: 'Pod', plural: 'pods', shortNames: ['po'], categories: ['all'] },
    namespaced: true,
    status: {},
  }),
  strategy({
    kind: { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', shortNames: ['cm'] },
    namespaced: true,
  }),
  strategy({ kind: { group: '', version: 'v1', kind: 'Binding', plural: 'bindings' }, namespaced: true }),
  strategy({
    kind: {
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      plural: 'deployments',
      shortNames: ['deploy'],
      categories: ['all'],
    },
    namespaced: true,
    status: {},
    scale,
  }),
  strategy({
    kind: { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', plural: 'leases' },
    namespaced: true,
  }),
  strategy({
    kind: {
      group: 'authorization.k8s.io',
      version: 'v1',
      kind: 'SelfSubjectAccessReview',
      plural: 'selfsubjectaccessreviews',
    },
    namespaced: false,
  }),
];
