import { builtinStrategies } from './all-strategies';

describe('builtinStrategies', () => {
  it('serves each group/version/resource once', () => {
    const keys = builtinStrategies.map((s) => `${s.kind.group}/${s.kind.version}/${s.kind.plural}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each([
    { plural: 'pods', group: '', shortNames: ['po'], categories: ['all'], namespaced: true },
    { plural: 'namespaces', group: '', shortNames: ['ns'], categories: undefined, namespaced: false },
    { plural: 'nodes', group: '', shortNames: ['no'], categories: undefined, namespaced: false },
    { plural: 'services', group: '', shortNames: ['svc'], categories: ['all'], namespaced: true },
    { plural: 'endpoints', group: '', shortNames: ['ep'], categories: undefined, namespaced: true },
    { plural: 'configmaps', group: '', shortNames: ['cm'], categories: undefined, namespaced: true },
    { plural: 'secrets', group: '', shortNames: undefined, categories: undefined, namespaced: true },
    { plural: 'serviceaccounts', group: '', shortNames: ['sa'], categories: undefined, namespaced: true },
    { plural: 'events', group: '', shortNames: ['ev'], categories: undefined, namespaced: true },
    { plural: 'events', group: 'events.k8s.io', shortNames: ['ev'], categories: undefined, namespaced: true },
    { plural: 'leases', group: 'coordination.k8s.io', shortNames: undefined, categories: undefined, namespaced: true },
    { plural: 'deployments', group: 'apps', shortNames: ['deploy'], categories: ['all'], namespaced: true },
    { plural: 'replicasets', group: 'apps', shortNames: ['rs'], categories: ['all'], namespaced: true },
    {
      plural: 'priorityclasses',
      group: 'scheduling.k8s.io',
      shortNames: ['pc'],
      categories: undefined,
      namespaced: false,
    },
    { plural: 'replicationcontrollers', group: '', shortNames: ['rc'], categories: ['all'], namespaced: true },
  ])('$group/$plural', ({ plural, group, shortNames, categories, namespaced }) => {
    const s = builtinStrategies.find((x) => x.kind.plural === plural && x.kind.group === group);
    expect(s).toBeDefined();
    expect(s!.kind.shortNames).toEqual(shortNames);
    expect(s!.kind.categories).toEqual(categories);
    expect(s!.namespaced).toBe(namespaced);
    expect(s!.columns?.some((c) => c.name === 'Name')).toBe(!!s!.ownsNameColumn);
  });
});
