// One OpenAPI v3 document per served group-version, as kube-apiserver serves at
// /openapi/v3/api/v1 and /openapi/v3/apis/<group>/<version>; kubectl explain and kubectl's
// field-validation check read these.
import { Strategy } from '@kubenest/registry';
import { reachableDefinitions } from './definitions';
import { OpenApiDocument, OpenApiSchema } from './openapi-types';
import { resourcePaths } from './resource-paths';
import { strategiesOf } from './resource-verbs';

export interface GroupVersion {
  group: string;
  version: string;
}

/** Meta kinds kube lists under every group-version's own GVK. */
const SHARED_KINDS: Record<string, string> = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions': 'DeleteOptions',
  'io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent': 'WatchEvent',
};

export const securitySchemes: OpenApiDocument['components']['securitySchemes'] = {
  BearerToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'Bearer token authentication, e.g. the admin token from admin.kubeconfig.',
  },
};

export function emptyDocument(description?: string): OpenApiDocument {
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'unversioned', ...(description ? { description } : {}) },
    paths: {},
    components: { schemas: {}, securitySchemes },
    security: [{ BearerToken: [] }],
  };
}

/** The document of one group-version, or undefined when no served resource belongs to it. */
export function buildOpenApiV3(strategies: Strategy[], gv: GroupVersion): OpenApiDocument | undefined {
  const served = strategiesOf(strategies, gv.group, gv.version);
  if (served.length === 0) return undefined;
  const doc = emptyDocument();
  const roots = new Set<string>();
  for (const s of served) {
    const { paths, definitions } = resourcePaths(s);
    Object.assign(doc.paths, paths);
    definitions.forEach((d) => roots.add(d));
  }
  doc.paths = Object.fromEntries(Object.entries(doc.paths).sort(([a], [b]) => a.localeCompare(b)));
  doc.components.schemas = withSharedKinds(reachableDefinitions(roots), gv);
  return doc;
}

function withSharedKinds(schemas: Record<string, OpenApiSchema>, gv: GroupVersion): Record<string, OpenApiSchema> {
  const out = { ...schemas };
  for (const [name, kind] of Object.entries(SHARED_KINDS)) {
    const schema = out[name];
    if (!schema) continue;
    const gvks = schema['x-kubernetes-group-version-kind'] ?? [];
    if (gvks.some((g) => g.group === gv.group && g.version === gv.version)) continue;
    out[name] = {
      ...schema,
      'x-kubernetes-group-version-kind': [...gvks, { group: gv.group, kind, version: gv.version }],
    };
  }
  return out;
}
