// The generated schema definitions (scripts/generate-openapi-schemas.mjs) and lookups over them.
import { GroupVersionKind } from '@kubenest/apimachinery';
import generated from './definitions.generated.json';
import { OpenApiSchema } from './openapi-types';

export const definitions = generated as unknown as Record<string, OpenApiSchema>;

const REF_PREFIX = '#/components/schemas/';

export const schemaRef = (definition: string): OpenApiSchema => ({ $ref: `${REF_PREFIX}${definition}` });

/** Kinds every group-version shares, defined once in meta/v1 (kube lists them under each group). */
const META_KINDS = new Set(['DeleteOptions', 'WatchEvent', 'Status']);

const gvkKey = (gvk: GroupVersionKind): string => `${gvk.group}/${gvk.version}/${gvk.kind}`;

const byKind = new Map<string, string>();
for (const [name, schema] of Object.entries(definitions)) {
  for (const gvk of schema['x-kubernetes-group-version-kind'] ?? []) byKind.set(gvkKey(gvk), name);
}

/** The definition name of a kind, e.g. {group:'', version:'v1', kind:'Pod'} → io.k8s.api.core.v1.Pod. */
export function definitionNameOf(gvk: GroupVersionKind): string | undefined {
  const direct = byKind.get(gvkKey(gvk));
  if (direct) return direct;
  return META_KINDS.has(gvk.kind) ? byKind.get(gvkKey({ group: '', version: 'v1', kind: gvk.kind })) : undefined;
}

// Resolved targets by reference: the structure check resolves a reference per field of every
// written object, and slicing and looking up the long names each time cost more than the check.
const targets = new Map<string, OpenApiSchema>();

const target = (ref: string): OpenApiSchema => {
  let found = targets.get(ref);
  if (!found) {
    found = definitions[ref.slice(REF_PREFIX.length)] ?? {};
    targets.set(ref, found);
  }
  return found;
};

/** Follows a $ref, or a lone allOf reference, to the schema it names. */
export function resolveSchema(schema: OpenApiSchema): OpenApiSchema {
  let current = schema;
  for (;;) {
    const ref = current.$ref ?? (current.allOf?.length === 1 ? current.allOf[0].$ref : undefined);
    if (!ref) return current;
    current = target(ref);
  }
}

/** The given definitions and every definition they reach, as a components.schemas map. */
export function reachableDefinitions(roots: Iterable<string>): Record<string, OpenApiSchema> {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === '$ref' && typeof child === 'string') add(child.slice(REF_PREFIX.length));
        else visit(child);
      }
    }
  };
  const add = (name: string): void => {
    if (found.has(name) || !definitions[name]) return;
    found.add(name);
    visit(definitions[name]);
  };
  for (const name of roots) add(name);
  return Object.fromEntries([...found].sort().map((name) => [name, definitions[name]]));
}
