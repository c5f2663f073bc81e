// Decodes what encodeGnosticDocument writes, walking it with the field numbers of gnostic's
// OpenAPIv2.proto as kubectl's generated Go code reads them.
import { Writer } from 'protobufjs/minimal';
import { testStrategies } from '../test-strategies';
import { all, has, message, must, named, text, texts, varint } from './fixtures/gnostic-reader';
import { encodeGnosticDocument, encodeSchema } from './gnostic-encoder';
import { buildSwaggerDocument } from './swagger-document';
import { SwaggerSchema } from './swagger-types';

const doc = encodeGnosticDocument(buildSwaggerDocument(testStrategies));

// Document: 1 swagger, 2 info, 8 paths, 9 definitions, 12 security, 13 securityDefinitions.
const paths = named(must(doc, 8), 2);
const definitions = named(must(doc, 9), 1);

/** Operation.vendor_extension (13) or Schema.vendor_extension (31): name → Any.yaml (2). */
const extensions = (buf: Uint8Array, field: number): Map<string, string> =>
  new Map([...named(buf, field)].map(([name, any]) => [name, text(any, 2)]));

/** Operation.parameters (8) → ParametersItem.parameter (1) → Parameter. */
const parametersOf = (operation: Uint8Array, field = 8): Uint8Array[] => all(operation, field).map((p) => must(p, 1));

/** Parameter.non_body_parameter (2) → query (3): name (4). */
const queryNames = (operation: Uint8Array): string[] =>
  parametersOf(operation)
    .map((p) => message(p, 2))
    .filter((p): p is Uint8Array => !!p && has(p, 3))
    .map((p) => text(must(p, 3), 4));

const encodeOne = (schema: SwaggerSchema): Uint8Array => {
  const w = Writer.create();
  encodeSchema(w, schema);
  return w.finish();
};

describe('encodeGnosticDocument', () => {
  it('writes the swagger version, info and the BearerToken security', () => {
    expect(text(doc, 1)).toBe('2.0');
    expect(text(must(doc, 2), 1)).toBe('Kubernetes');
    const security = named(must(doc, 13), 1).get('BearerToken')!;
    const apiKey = must(security, 2);
    expect([text(apiKey, 1), text(apiKey, 2), text(apiKey, 3)]).toEqual(['apiKey', 'authorization', 'header']);
    expect(named(must(doc, 12), 1).has('BearerToken')).toBe(true);
  });

  it('lists paths sorted, as kube-apiserver serves them', () => {
    const names = [...paths.keys()];
    expect(names).toEqual([...names].sort());
    expect(names).toContain('/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale');
  });

  // PathItem: 2 get, 3 put, 4 post, 5 delete, 8 patch. Operation: 5 operationId.
  it.each([
    ['/api/v1/namespaces/{namespace}/pods', 4, 'createCoreV1NamespacedPod', 'post'],
    ['/api/v1/namespaces/{namespace}/pods', 2, 'listCoreV1NamespacedPod', 'list'],
    ['/api/v1/namespaces/{namespace}/pods/{name}', 3, 'replaceCoreV1NamespacedPod', 'put'],
    ['/api/v1/namespaces/{namespace}/pods/{name}', 8, 'patchCoreV1NamespacedPod', 'patch'],
    ['/api/v1/namespaces/{namespace}/pods/{name}', 5, 'deleteCoreV1NamespacedPod', 'delete'],
    ['/apis/apps/v1/namespaces/{namespace}/deployments/{name}', 8, 'patchAppsV1NamespacedDeployment', 'patch'],
  ])('%s field %i is %s (action %s)', (path, method, operationId, action) => {
    const op = must(paths.get(path), method);
    expect(text(op, 5)).toBe(operationId);
    expect(extensions(op, 13).get('x-kubernetes-action')).toBe(`${action}\n`);
  });

  it('tags PATCH with its GVK as a YAML mapping, the way kubectl looks for fieldValidation support', () => {
    const patch = must(paths.get('/apis/apps/v1/namespaces/{namespace}/deployments/{name}'), 8);
    expect(extensions(patch, 13).get('x-kubernetes-group-version-kind')).toBe(
      'group: apps\nkind: Deployment\nversion: v1\n',
    );
    const corePatch = must(paths.get('/api/v1/namespaces/{namespace}/pods/{name}'), 8);
    expect(extensions(corePatch, 13).get('x-kubernetes-group-version-kind')).toBe(
      'group: ""\nkind: Pod\nversion: v1\n',
    );
  });

  it.each([
    ['/api/v1/namespaces/{namespace}/pods', 4, ['dryRun', 'fieldManager', 'fieldValidation']],
    ['/api/v1/namespaces/{namespace}/pods/{name}', 3, ['dryRun', 'fieldManager', 'fieldValidation']],
    ['/api/v1/namespaces/{namespace}/pods/{name}', 8, ['dryRun', 'fieldManager', 'fieldValidation', 'force']],
    ['/api/v1/namespaces/{name}', 8, ['dryRun', 'fieldManager', 'fieldValidation', 'force']],
  ])('%s field %i takes the query parameters %j', (path, method, names) => {
    expect(queryNames(must(paths.get(path), method))).toEqual(names);
  });

  it('sends bodies as a required body parameter referring to #/definitions', () => {
    const post = must(paths.get('/api/v1/namespaces/{namespace}/pods'), 4);
    const body = parametersOf(post)
      .map((p) => message(p, 1))
      .find((p): p is Uint8Array => !!p)!;
    // BodyParameter: 2 name, 3 in, 4 required, 5 schema (Schema._ref 1).
    expect([text(body, 2), text(body, 3), varint(body, 4)]).toEqual(['body', 'body', 1]);
    expect(text(must(body, 5), 1)).toBe('#/definitions/io.k8s.api.core.v1.Pod');
    const patch = must(paths.get('/api/v1/namespaces/{namespace}/pods/{name}'), 8);
    expect(texts(patch, 7)).toContain('application/strategic-merge-patch+json');
  });

  it('writes path-level parameters as required path parameters', () => {
    const item = paths.get('/api/v1/namespaces/{namespace}/pods/{name}')!;
    // PathItem.parameters 9; NonBodyParameter.path_parameter_sub_schema 4: 1 required, 2 in, 4 name, 5 type.
    const pathParams = parametersOf(item, 9)
      .map((p) => message(must(p, 2), 4))
      .filter((p): p is Uint8Array => !!p);
    expect(pathParams.map((p) => [text(p, 4), text(p, 2), varint(p, 1), text(p, 5)])).toEqual([
      ['name', 'path', 1, 'string'],
      ['namespace', 'path', 1, 'string'],
    ]);
  });

  it('writes responses by code with their schema', () => {
    const get = must(paths.get('/api/v1/namespaces/{namespace}/pods/{name}'), 2);
    // Operation.responses 9 → response_code 1 (NamedResponseValue) → ResponseValue.response 1.
    const codes = named(must(get, 9), 1);
    expect([...codes.keys()]).toEqual(['200', '401']);
    const ok = must(codes.get('200'), 1);
    expect(text(ok, 1)).toBe('OK');
    // Response.schema 2 → SchemaItem.schema 1 → Schema._ref 1.
    expect(text(must(ok, 2, 1), 1)).toBe('#/definitions/io.k8s.api.core.v1.Pod');
  });

  it("keeps a kind's GVK list on its definition", () => {
    const pod = definitions.get('io.k8s.api.core.v1.Pod')!;
    expect(extensions(pod, 31).get('x-kubernetes-group-version-kind')).toBe(
      '- group: ""\n  kind: Pod\n  version: v1\n',
    );
    // Schema.type 22 → TypeItem.value 1.
    expect(texts(must(pod, 22), 1)).toEqual(['object']);
    // Schema.properties 25 → Properties.additional_properties 1; a described reference keeps $ref and description.
    const spec = named(must(pod, 25), 1).get('spec')!;
    expect(text(spec, 1)).toBe('#/definitions/io.k8s.api.core.v1.PodSpec');
    expect(text(spec, 4)).toMatch(/^Specification of the desired behavior/);
    expect(has(spec, 22)).toBe(false);
  });

  it('carries the strategic-merge-patch metadata of list fields', () => {
    const containers = named(must(definitions.get('io.k8s.api.core.v1.PodSpec'), 25), 1).get('containers')!;
    const ext = extensions(containers, 31);
    expect(ext.get('x-kubernetes-patch-merge-key')).toBe('name\n');
    expect(ext.get('x-kubernetes-patch-strategy')).toBe('merge\n');
    expect(ext.get('x-kubernetes-list-map-keys')).toBe('- name\n');
    // Schema.items 23 → ItemsItem.schema 1 (repeated, exactly one).
    expect(all(must(containers, 23), 1).map((s) => text(s, 1))).toEqual(['#/definitions/io.k8s.api.core.v1.Container']);
  });

  it('lists DeleteOptions under every served group-version', () => {
    const gvks = extensions(definitions.get('io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions')!, 31).get(
      'x-kubernetes-group-version-kind',
    );
    expect(gvks).toContain('- group: apps\n  kind: DeleteOptions\n  version: v1\n');
    expect(gvks).toContain('- group: ""\n  kind: DeleteOptions\n  version: v1\n');
  });
});

describe('encodeSchema', () => {
  it('writes additionalProperties: false as the oneof boolean, present though false', () => {
    const ap = must(encodeOne({ type: 'object', additionalProperties: false }), 21);
    expect(has(ap, 2)).toBe(true);
    expect(varint(ap, 2)).toBe(0);
  });

  it('writes a schema-valued additionalProperties as the oneof schema', () => {
    const ap = must(encodeOne({ type: 'object', additionalProperties: { type: 'string' } }), 21);
    expect(texts(must(ap, 1, 22), 1)).toEqual(['string']);
  });

  it('writes empty properties as a present, empty message, as kubectl tells an object from a map by it', () => {
    const schema = encodeOne({ type: 'object', properties: {} });
    expect(has(schema, 25)).toBe(true);
    expect(all(must(schema, 25), 1)).toEqual([]);
  });

  it('writes enum values, required fields and uniqueItems', () => {
    const schema = encodeOne({ type: 'string', enum: ['Always', 'Never'], required: ['a', 'b'], uniqueItems: true });
    expect(all(schema, 20).map((any) => text(any, 2))).toEqual(['Always\n', 'Never\n']);
    expect(texts(schema, 19)).toEqual(['a', 'b']);
    expect(varint(schema, 16)).toBe(1);
  });
});
