// Legacy and aggregated discovery documents built from hand-made strategies.
import { testStrategies } from '../openapi/test-strategies';
import { aggregatedContentType, aggregatedDiscovery } from './aggregated-discovery';
import { apiGroup, apiGroupList, apiResourceList, apiVersions, compareVersionPriority } from './legacy-discovery';

describe('legacy discovery', () => {
  it('lists the core versions at /api', () => {
    expect(apiVersions(testStrategies, '10.0.0.1:6443')).toEqual({
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '10.0.0.1:6443' }],
    });
  });

  it('lists the named groups at /apis, never the core group', () => {
    const list = apiGroupList(testStrategies);
    expect(list.groups.map((g) => g.name)).toEqual(['apps', 'authorization.k8s.io', 'coordination.k8s.io']);
    expect(list.groups[0]).toEqual({
      name: 'apps',
      versions: [{ groupVersion: 'apps/v1', version: 'v1' }],
      preferredVersion: { groupVersion: 'apps/v1', version: 'v1' },
    });
    expect(apiGroup(testStrategies, 'batch')).toBeUndefined();
  });

  it('lists resources and subresources of a group-version', () => {
    const core = apiResourceList(testStrategies, '', 'v1')!;
    expect(core.groupVersion).toBe('v1');
    const byName = Object.fromEntries(core.resources.map((r) => [r.name, r]));
    expect(byName.pods).toEqual({
      name: 'pods',
      singularName: 'pod',
      namespaced: true,
      kind: 'Pod',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['po'],
      categories: ['all'],
    });
    expect(byName['pods/status']).toEqual({
      name: 'pods/status',
      singularName: '',
      namespaced: true,
      kind: 'Pod',
      verbs: ['get', 'patch', 'update'],
    });
    expect(byName['pods/eviction']).toMatchObject({
      group: 'policy',
      version: 'v1',
      kind: 'Eviction',
      verbs: ['create'],
    });
    expect(byName.namespaces.verbs).not.toContain('deletecollection');
    expect(byName.bindings.verbs).toEqual(['create']);
    const apps = apiResourceList(testStrategies, 'apps', 'v1')!;
    expect(apps.resources.find((r) => r.name === 'deployments/scale')).toEqual({
      name: 'deployments/scale',
      singularName: '',
      namespaced: true,
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
      verbs: ['get', 'patch', 'update'],
    });
    expect(apiResourceList(testStrategies, 'apps', 'v2')).toBeUndefined();
  });

  it('orders versions as kube prefers them', () => {
    expect(['v1beta1', 'v1alpha1', 'v2', 'v1', 'v2beta2'].sort(compareVersionPriority)).toEqual([
      'v2',
      'v1',
      'v2beta2',
      'v1beta1',
      'v1alpha1',
    ]);
  });
});

describe('aggregated discovery', () => {
  it('answers the core group alone at /api, named ""', () => {
    const doc = aggregatedDiscovery(testStrategies, 'api', 'v2');
    expect(doc.apiVersion).toBe('apidiscovery.k8s.io/v2');
    expect(doc.items).toHaveLength(1);
    expect(doc.items[0].metadata.name).toBe('');
    const [v1] = doc.items[0].versions;
    expect(v1.freshness).toBe('Current');
    expect(v1.resources.find((r) => r.resource === 'pods')).toMatchObject({
      responseKind: { group: '', version: 'v1', kind: 'Pod' },
      scope: 'Namespaced',
      singularResource: 'pod',
      shortNames: ['po'],
      categories: ['all'],
    });
    expect(v1.resources.find((r) => r.resource === 'namespaces')!.scope).toBe('Cluster');
  });

  it('answers every named group at /apis, with subresources', () => {
    const doc = aggregatedDiscovery(testStrategies, 'apis', 'v2beta1');
    expect(doc.apiVersion).toBe('apidiscovery.k8s.io/v2beta1');
    expect(doc.items.map((i) => i.metadata.name)).toEqual(['apps', 'authorization.k8s.io', 'coordination.k8s.io']);
    const deployments = doc.items[0].versions[0].resources.find((r) => r.resource === 'deployments')!;
    expect(deployments.subresources).toEqual([
      {
        subresource: 'scale',
        responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
        verbs: ['get', 'patch', 'update'],
      },
      {
        subresource: 'status',
        responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' },
        verbs: ['get', 'patch', 'update'],
      },
    ]);
  });

  it('names its media type exactly', () => {
    expect(aggregatedContentType('v2')).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
  });
});
