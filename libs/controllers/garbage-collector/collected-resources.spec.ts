import { CollectedResource, resourceMapper, watchedResources } from './collected-resources';

const r = (group: string, version: string, resource: string, kind: string, storage = `${group}/${resource}`) =>
  ({ ref: { group, version, resource }, kind, namespaced: true, storage }) as CollectedResource;

const served = [
  r('', 'v1', 'configmaps', 'ConfigMap'),
  r('', 'v1', 'events', 'Event'),
  r('events.k8s.io', 'v1', 'events', 'Event'),
  r('example.com', 'v1', 'widgets', 'Widget'),
  r('example.com', 'v2', 'widgets', 'Widget'),
];

describe('collected resources', () => {
  it('watches each store once, never events', () => {
    expect(watchedResources(served).map((x) => `${x.ref.group}/${x.ref.version}/${x.ref.resource}`)).toEqual([
      '/v1/configmaps',
      'example.com/v1/widgets',
    ]);
  });

  it.each([
    ['v1', 'ConfigMap', '/v1/configmaps'],
    ['example.com/v2', 'Widget', 'example.com/v2/widgets'],
    ['example.com/v3', 'Widget', undefined],
    ['v1', 'Widget', undefined],
  ])('maps %s %s to its resource', (apiVersion, kind, expected) => {
    const found = resourceMapper(() => served)(apiVersion, kind);
    expect(found && `${found.ref.group}/${found.ref.version}/${found.ref.resource}`).toBe(expected);
  });
});
