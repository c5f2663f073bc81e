// The per-group-version documents kubectl reads: paths, actions, GVKs, parameters and schemas.
import { buildOpenApiV3 } from './group-version-document';
import { OpenApiOperation } from './openapi-types';
import { testStrategies } from './test-strategies';

describe('buildOpenApiV3', () => {
  const core = buildOpenApiV3(testStrategies, { group: '', version: 'v1' })!;
  const apps = buildOpenApiV3(testStrategies, { group: 'apps', version: 'v1' })!;

  it('answers undefined for a group-version nobody serves', () => {
    expect(buildOpenApiV3(testStrategies, { group: 'batch', version: 'v1' })).toBeUndefined();
  });

  it.each([
    ['/api/v1/namespaces/{namespace}/pods', 'get', 'list', 'listCoreV1NamespacedPod'],
    ['/api/v1/namespaces/{namespace}/pods', 'post', 'post', 'createCoreV1NamespacedPod'],
    ['/api/v1/namespaces/{namespace}/pods', 'delete', 'deletecollection', 'deleteCoreV1CollectionNamespacedPod'],
    ['/api/v1/namespaces/{namespace}/pods/{name}', 'get', 'get', 'readCoreV1NamespacedPod'],
    ['/api/v1/namespaces/{namespace}/pods/{name}', 'put', 'put', 'replaceCoreV1NamespacedPod'],
    ['/api/v1/namespaces/{namespace}/pods/{name}', 'patch', 'patch', 'patchCoreV1NamespacedPod'],
    ['/api/v1/namespaces/{namespace}/pods/{name}', 'delete', 'delete', 'deleteCoreV1NamespacedPod'],
    ['/api/v1/namespaces/{namespace}/pods/{name}/status', 'patch', 'patch', 'patchCoreV1NamespacedPodStatus'],
    ['/api/v1/pods', 'get', 'list', 'listCoreV1PodForAllNamespaces'],
    ['/api/v1/watch/namespaces/{namespace}/pods', 'get', 'watchlist', 'watchCoreV1NamespacedPodList'],
    ['/api/v1/watch/namespaces/{namespace}/pods/{name}', 'get', 'watch', 'watchCoreV1NamespacedPod'],
    ['/api/v1/watch/pods', 'get', 'watchlist', 'watchCoreV1PodListForAllNamespaces'],
    ['/api/v1/namespaces', 'get', 'list', 'listCoreV1Namespace'],
    ['/api/v1/namespaces/{name}', 'get', 'get', 'readCoreV1Namespace'],
    ['/api/v1/namespaces/{namespace}/bindings', 'post', 'post', 'createCoreV1NamespacedBinding'],
    ['/api/v1/namespaces/{namespace}/pods/{name}/binding', 'post', 'post', 'createCoreV1NamespacedPodBinding'],
  ] as const)('%s %s is %s (%s)', (path, method, action, operationId) => {
    const op = core.paths[path]?.[method] as OpenApiOperation;
    expect(op['x-kubernetes-action']).toBe(action);
    expect(op.operationId).toBe(operationId);
    expect(op.tags).toEqual(['core_v1']);
  });

  it('does not offer deletecollection of namespaces, nor a list of bindings', () => {
    expect(core.paths['/api/v1/namespaces']?.delete).toBeUndefined();
    expect(core.paths['/api/v1/namespaces/{namespace}/bindings']?.get).toBeUndefined();
  });

  it('lists fieldValidation on patch with the kind, which makes kubectl send fieldValidation=Strict', () => {
    const patch = apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch!;
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(patch.parameters!.map((p) => p.name)).toEqual(
      expect.arrayContaining(['fieldValidation', 'dryRun', 'fieldManager', 'force']),
    );
    expect(Object.keys(patch.requestBody!.content)).toContain('application/strategic-merge-patch+json');
  });

  it('documents the scale subresource as autoscaling/v1 Scale', () => {
    const scale = apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale'];
    expect(scale.put!['x-kubernetes-group-version-kind']).toEqual({
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
    });
    expect(apps.components.schemas['io.k8s.api.autoscaling.v1.Scale']).toBeDefined();
  });

  it('carries every reachable schema, with GVKs, formats and patch metadata', () => {
    const schemas = core.components.schemas;
    expect(schemas['io.k8s.api.core.v1.Pod']['x-kubernetes-group-version-kind']).toEqual([
      { group: '', kind: 'Pod', version: 'v1' },
    ]);
    expect(schemas['io.k8s.api.core.v1.ContainerPort'].properties!.containerPort).toMatchObject({
      type: 'integer',
      format: 'int32',
    });
    expect(schemas['io.k8s.api.core.v1.PodSpec'].properties!.containers).toMatchObject({
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
      'x-kubernetes-list-type': 'map',
    });
    expect(schemas['io.k8s.api.core.v1.Container'].required).toEqual(['name']);
    expect(schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'].properties!.name.description).toMatch(
      /unique within a namespace/,
    );
    expect(schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({ format: 'int-or-string' });
    for (const ref of JSON.stringify(core).match(/#\/components\/schemas\/[^"]+/g) ?? []) {
      expect(schemas[ref.slice('#/components/schemas/'.length)]).toBeDefined();
    }
    expect(schemas['io.k8s.api.apps.v1.Deployment']).toBeUndefined();
  });

  it('lists DeleteOptions under its own group-version too', () => {
    expect(
      apps.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions']['x-kubernetes-group-version-kind'],
    ).toContainEqual({
      group: 'apps',
      kind: 'DeleteOptions',
      version: 'v1',
    });
  });

  it('declares the bearer token scheme for every operation', () => {
    expect(core.components.securitySchemes.BearerToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(core.security).toEqual([{ BearerToken: [] }]);
  });
});
