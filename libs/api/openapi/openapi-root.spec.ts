// The /openapi/v3 index and the merged Swagger document.
import { buildMergedOpenApiV3 } from './merged-document';
import { buildOpenApiV3Documents, groupVersionOfPath, openApiV3Root } from './openapi-root';
import { testStrategies } from './test-strategies';

describe('openApiV3Root', () => {
  it('points at one document per served group-version, with its hash', () => {
    const root = openApiV3Root(testStrategies);
    expect(Object.keys(root.paths)).toEqual([
      'api/v1',
      'apis/apps/v1',
      'apis/authorization.k8s.io/v1',
      'apis/coordination.k8s.io/v1',
    ]);
    const docs = buildOpenApiV3Documents(testStrategies);
    expect(root.paths['api/v1'].serverRelativeURL).toBe(`/openapi/v3/api/v1?hash=${docs.byPath.get('api/v1')!.hash}`);
    expect(docs.byPath.get('api/v1')!.hash).toMatch(/^[0-9A-F]{128}$/);
  });

  it.each([
    ['api/v1', { group: '', version: 'v1' }],
    ['/apis/apps/v1/', { group: 'apps', version: 'v1' }],
    ['apis/apps', undefined],
    ['version', undefined],
  ])('groupVersionOfPath(%s)', (path, want) => {
    expect(groupVersionOfPath(path)).toEqual(want);
  });
});

describe('buildMergedOpenApiV3', () => {
  it('holds every group-version, tagged by resource', () => {
    const doc = buildMergedOpenApiV3(testStrategies);
    expect(doc.paths['/api/v1/namespaces'].get!.tags).toEqual(['core/v1 namespaces']);
    expect(doc.paths['/api/v1/watch/namespaces/{namespace}/pods'].get!.tags).toEqual(['core/v1 pods']);
    expect(doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale'].patch!.tags).toEqual([
      'apps/v1 deployments',
    ]);
    expect(doc.tags!.map((t) => t.name)).toContain('core/v1 namespaces');
    expect(doc.components.schemas['io.k8s.api.apps.v1.Deployment']).toBeDefined();
  });
});
