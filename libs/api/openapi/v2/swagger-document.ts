// The one Swagger 2.0 document kube-apiserver serves at /openapi/v2, built from the same per
// group-version v3 documents as /openapi/v3: every path, and every definition they reach.
import { GroupVersionKind } from '@kubenest/apimachinery';
import { ResourceRegistry, Strategy } from '@kubenest/registry';
import { buildOpenApiV3, emptyDocument } from '../group-version-document';
import { OpenApiSchema } from '../openapi-types';
import { toSwaggerPathItem } from './swagger-operation';
import { toSwaggerSchema } from './swagger-schema';
import { SwaggerDocument, SwaggerPathItem } from './swagger-types';

const sameGvk = (a: GroupVersionKind, b: GroupVersionKind): boolean =>
  a.group === b.group && a.version === b.version && a.kind === b.kind;

/** A schema several group-versions list (DeleteOptions, WatchEvent) keeps every group's GVK. */
function mergeSchema(known: OpenApiSchema | undefined, schema: OpenApiSchema): OpenApiSchema {
  const gvks = [...(known?.['x-kubernetes-group-version-kind'] ?? [])];
  for (const gvk of schema['x-kubernetes-group-version-kind'] ?? []) {
    if (!gvks.some((g) => sameGvk(g, gvk))) gvks.push(gvk);
  }
  return gvks.length ? { ...schema, 'x-kubernetes-group-version-kind': gvks } : schema;
}

const sortedByKey = <T>(record: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

export function buildSwaggerDocument(strategies: Strategy[]): SwaggerDocument {
  const paths: Record<string, SwaggerPathItem> = {};
  const schemas: Record<string, OpenApiSchema> = {};
  for (const gv of new ResourceRegistry(strategies).groupVersions()) {
    const v3 = buildOpenApiV3(strategies, gv);
    if (!v3) continue;
    for (const [path, item] of Object.entries(v3.paths)) paths[path] = toSwaggerPathItem(item);
    for (const [name, schema] of Object.entries(v3.components.schemas)) {
      schemas[name] = mergeSchema(schemas[name], schema);
    }
  }
  const definitions = Object.fromEntries(
    Object.entries(sortedByKey(schemas)).map(([name, schema]) => [name, toSwaggerSchema(schema)]),
  );
  const { title, version } = emptyDocument().info;
  return {
    swagger: '2.0',
    info: { title, version },
    paths: sortedByKey(paths),
    definitions,
    // As kube-apiserver documents it: a bearer token in the Authorization header.
    securityDefinitions: {
      BearerToken: { type: 'apiKey', name: 'authorization', in: 'header', description: 'Bearer Token authentication' },
    },
    security: [{ BearerToken: [] }],
  };
}
