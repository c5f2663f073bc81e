// Fields of an object its kind's schema does not define: what kube's strict decoder reports as
// `unknown field "spec.containers[0].foo"`. Maps and free-form objects (RawExtension, FieldsV1)
// take any key and are not looked into.
import { GroupVersionKind } from '@kubenest/apimachinery';
import { definitionNameOf, definitions, resolveSchema } from './definitions';
import { OpenApiSchema } from './openapi-types';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** spec.containers[0].foo from its segments; built only for a field that is reported. */
const pathText = (segments: string[]): string =>
  segments.reduce((path, segment) => (!path || segment.startsWith('[') ? path + segment : `${path}.${segment}`), '');

// The path is a stack of segments rather than a string per field: most objects have no unknown
// field, and building every field's path cost more than the whole walk.
function walk(schema: OpenApiSchema, value: unknown, path: string[], found: string[], prune: boolean): void {
  const s = resolveSchema(schema);
  if (Array.isArray(value)) {
    if (!s.items) return;
    for (let i = 0; i < value.length; i++) {
      path.push(`[${i}]`);
      walk(s.items as OpenApiSchema, value[i], path, found, prune);
      path.pop();
    }
    return;
  }
  if (!isObject(value) || !s.properties || s['x-kubernetes-preserve-unknown-fields']) return;
  for (const key of Object.keys(value)) {
    const field = s.properties[key];
    path.push(key);
    if (field) {
      walk(field, value[key], path, found, prune);
    } else {
      found.push(pathText(path));
      if (prune) delete value[key];
    }
    path.pop();
  }
}

function rootSchema(gvk: GroupVersionKind): OpenApiSchema | undefined {
  const name = definitionNameOf(gvk);
  return name ? definitions[name] : undefined;
}

/** Paths of the fields not in the kind's schema, in document order; [] for a kind without a schema. */
export function findUnknownFields(gvk: GroupVersionKind, obj: unknown): string[] {
  const schema = rootSchema(gvk);
  const found: string[] = [];
  if (schema) walk(schema, obj, [], found, false);
  return found;
}

/** Removes the unknown fields from obj in place and returns their paths. */
export function pruneUnknownFields(gvk: GroupVersionKind, obj: unknown): string[] {
  const schema = rootSchema(gvk);
  const found: string[] = [];
  if (schema) walk(schema, obj, [], found, true);
  return found;
}
