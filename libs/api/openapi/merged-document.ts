// All served group-versions in one OpenAPI document, for the Swagger console: one tag per
// resource ("core/v1 namespaces", "apps/v1 deployments"), so "list namespaces" is one click away.
import { groupVersionPath } from '@kubenest/apimachinery';
import { ResourceRegistry, Strategy } from '@kubenest/registry';
import { buildOpenApiV3, emptyDocument } from './group-version-document';
import { HttpMethod, OpenApiDocument } from './openapi-types';

/** "/api/v1/watch/namespaces/{namespace}/pods/{name}/status" → "pods". */
function resourceOfPath(path: string, prefix: string): string {
  const segments = path.slice(prefix.length + 1).split('/');
  if (segments[0] === 'watch') segments.shift();
  if (segments[0] === 'namespaces' && segments[1] === '{namespace}' && segments.length > 2) segments.splice(0, 2);
  return segments[0];
}

const METHODS: HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];

export function buildMergedOpenApiV3(strategies: Strategy[]): OpenApiDocument {
  const merged = emptyDocument(
    'The Kubenest API. Authorize with a bearer token (e.g. the admin token in admin.kubeconfig), then try any operation.',
  );
  merged.tags = [];
  for (const gv of new ResourceRegistry(strategies).groupVersions()) {
    const doc = buildOpenApiV3(strategies, gv);
    if (!doc) continue;
    const prefix = groupVersionPath(gv.group, gv.version);
    const label = gv.group ? `${gv.group}/${gv.version}` : `core/${gv.version}`;
    const tags = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths)) {
      const tag = `${label} ${resourceOfPath(path, prefix)}`;
      tags.add(tag);
      for (const method of METHODS) {
        const operation = item[method];
        if (operation) item[method] = { ...operation, tags: [tag] };
      }
      merged.paths[path] = item;
    }
    merged.tags.push(...[...tags].sort().map((name) => ({ name })));
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      const known = merged.components.schemas[name]?.['x-kubernetes-group-version-kind'] ?? [];
      const gvks = [
        ...known,
        ...(schema['x-kubernetes-group-version-kind'] ?? []).filter(
          (g) => !known.some((k) => k.group === g.group && k.version === g.version && k.kind === g.kind),
        ),
      ];
      merged.components.schemas[name] = gvks.length ? { ...schema, 'x-kubernetes-group-version-kind': gvks } : schema;
    }
  }
  return merged;
}
