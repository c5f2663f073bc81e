import { builtinStrategies } from '@kubenest/api/all-strategies';
import { nameIsDNSSubdomain } from '@kubenest/apimachinery/validation';
import { AdmissionChain, ResourceRegistry, ResourceStores, Strategy } from '@kubenest/registry';
import { FakeStore } from '@kubenest/registry/cache/testing/fake-store';
import { collectedResources } from './collected-resources';

const kind = (group: string, version: string, k: string, plural: string, namespaced = true): Strategy => ({
  kind: { group, version, kind: k, plural },
  namespaced,
  nameValidator: nameIsDNSSubdomain,
  validate: () => [],
});

describe('collectedResources', () => {
  const stores = () =>
    new ResourceStores(
      new ResourceRegistry([
        ...builtinStrategies,
        kind('authentication.k8s.io', 'v1', 'TokenReview', 'tokenreviews', false),
      ]),
      new FakeStore(),
      new AdmissionChain(),
    );

  it('lists every served resource with its kind, scope and store, but create-only ones', () => {
    const list = collectedResources(stores()).list();
    const names = list.map((r) => `${r.ref.group}/${r.ref.version}/${r.ref.resource}`);
    expect(names).toEqual(expect.arrayContaining(['/v1/configmaps', '/v1/nodes', 'apps/v1/replicasets']));
    expect(names).not.toContain('authentication.k8s.io/v1/tokenreviews');
    expect(list.find((r) => r.ref.resource === 'nodes')).toMatchObject({ kind: 'Node', namespaced: false });
    expect(new Set(list.map((r) => r.storage)).size).toBe(list.length);
  });

  it('tells of kinds served later', () => {
    const s = stores();
    const resources = collectedResources(s);
    let changes = 0;
    const unsubscribe = resources.onChange(() => changes++);
    s.registry.add(kind('example.com', 'v1', 'Widget', 'widgets'));
    expect(changes).toBe(1);
    expect(resources.list().map((r) => r.kind)).toContain('Widget');
    unsubscribe();
    s.registry.remove('example.com', 'v1', 'widgets');
    expect(changes).toBe(1);
  });
});
