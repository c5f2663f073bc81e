// The Swagger 2.0 document built from the v3 documents: every reference resolves under
// #/definitions and every schema passes the checks kubectl's v2 parser (kube-openapi) makes.
import { builtinStrategies } from '../../all-strategies';
import { testStrategies } from '../test-strategies';
import { buildSwaggerDocument } from './swagger-document';
import { toSwaggerSchema } from './swagger-schema';
import { SwaggerDocument, SwaggerNonBodyParameter, SwaggerSchema } from './swagger-types';

const PRIMITIVES = new Set(['string', 'integer', 'number', 'boolean']);

/** What kube-openapi's proto.NewOpenAPIData rejects, which would fail every kubectl command reading v2. */
function parseProblems(doc: SwaggerDocument): string[] {
  const problems: string[] = [];
  const check = (schema: SwaggerSchema, at: string): void => {
    if (schema.$ref) {
      if (schema.type) problems.push(`${at}: a reference with a type`);
      const name = schema.$ref.replace(/^#\/definitions\//, '');
      if (name === schema.$ref || !doc.definitions[name]) problems.push(`${at}: unknown reference ${schema.$ref}`);
      return;
    }
    if (schema.type === 'array') {
      if (!schema.items) problems.push(`${at}: an array without items`);
      else check(schema.items, `${at}[]`);
    } else if (schema.type && schema.type !== 'object' && !PRIMITIVES.has(schema.type)) {
      problems.push(`${at}: unknown type ${schema.type}`);
    }
    for (const [name, property] of Object.entries(schema.properties ?? {})) check(property, `${at}.${name}`);
    if (typeof schema.additionalProperties === 'object') check(schema.additionalProperties, `${at}{}`);
  };
  for (const [name, schema] of Object.entries(doc.definitions)) check(schema, name);
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const op of [item.get, item.put, item.post, item.delete, item.patch]) {
      for (const p of op?.parameters ?? []) if (p.in === 'body') check(p.schema, `${path} body`);
      for (const [code, r] of Object.entries(op?.responses ?? {})) if (r.schema) check(r.schema, `${path} ${code}`);
    }
  }
  return problems;
}

describe('buildSwaggerDocument', () => {
  it.each([
    ['the test strategies', testStrategies],
    ['the built-in strategies', builtinStrategies],
  ])('writes a document kubectl can parse from %s', (_name, strategies) => {
    const doc = buildSwaggerDocument(strategies);
    expect(parseProblems(doc)).toEqual([]);
    expect(JSON.stringify(doc)).not.toContain('#/components/schemas/');
    expect(JSON.stringify(doc.definitions)).not.toContain('"allOf"');
  });

  const doc = buildSwaggerDocument(testStrategies);

  it('keeps v3 operations with their action, GVK and query parameters', () => {
    const patch = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch!;
    expect(patch['x-kubernetes-action']).toBe('patch');
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
    const fieldValidation = patch.parameters?.find((p) => p.name === 'fieldValidation') as SwaggerNonBodyParameter;
    expect(fieldValidation).toMatchObject({ in: 'query', type: 'string', uniqueItems: true });
  });

  it('turns the request body into a body parameter and JSON bodies into consumes */*', () => {
    const post = doc.paths['/api/v1/namespaces/{namespace}/configmaps'].post!;
    expect(post.parameters?.[0]).toEqual({
      name: 'body',
      in: 'body',
      required: true,
      schema: { $ref: '#/definitions/io.k8s.api.core.v1.ConfigMap' },
    });
    expect(post.consumes).toEqual(['*/*']);
    expect(post.responses['201'].schema).toEqual({ $ref: '#/definitions/io.k8s.api.core.v1.ConfigMap' });
  });

  it('answers watches with WatchEvent, produced as a JSON stream too', () => {
    const watch = doc.paths['/api/v1/watch/namespaces/{namespace}/pods'].get!;
    expect(watch.produces).toEqual(['application/json', 'application/json;stream=watch']);
    expect(watch.responses['200'].schema?.$ref).toBe('#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent');
  });

  it('types IntOrString and Quantity as strings, as kube-apiserver v2 does', () => {
    expect(doc.definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({
      type: 'string',
      format: 'int-or-string',
    });
    expect(doc.definitions['io.k8s.apimachinery.pkg.api.resource.Quantity']?.type).toBe('string');
  });
});

describe('toSwaggerSchema', () => {
  it.each([
    [
      'a described reference',
      { description: 'd', allOf: [{ $ref: '#/components/schemas/a.B' }] },
      { description: 'd', $ref: '#/definitions/a.B' },
    ],
    ['a bare reference', { $ref: '#/components/schemas/a.B' }, { $ref: '#/definitions/a.B' }],
    [
      'a map of references',
      { type: 'object', additionalProperties: { $ref: '#/components/schemas/a.B' } },
      { type: 'object', additionalProperties: { $ref: '#/definitions/a.B' } },
    ],
    [
      'extensions',
      { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
      { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
    ],
  ])('rewrites %s', (_name, v3, v2) => {
    expect(toSwaggerSchema(v3)).toEqual(v2);
  });
});
