// Fields of an object its kind's schema does not define: what kube's strict decoder reports as
// `unknown field "spec.containers[0].foo"`. Maps and free-form objects (RawExtension, FieldsV1)
// take any key and are not looked into.
import { GroupVersionKind } from '@kubenest/apimachinery';
import { definitionNameOf, definitions, resolveSchema } from './definitions';
import { OpenApiSchema } from './openapi-types';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const join = (path: string, field: string): string => (path ? `${path}.${field}` : field);

function walk(schema: OpenApiSchema, value: unknown, path: string, found: string[], prune: boolean): void {
  const s = resolveSchema(schema);
  if (Array.isArray(value)) {
    if (s.items) value.forEach((item, i) => walk(s.items as OpenApiSchema, item, `${path}[${i}]`, found, prune));
    return;
  }
  if (!isObject(value) || !s.properties || s['x-kubernetes-preserve-unknown-fields']) return;
  for (const key of Object.keys(value)) {
    const field = s.properties[key];
    if (field) {
      walk(field, value[key], join(path, key), found, prune);
    } else {
      found.push(join(path, key));
      if (prune) delete value[key];
    }
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
  if (schema) walk(schema, obj, '', found, false);
  return found;
}

/** Removes the unknown fields from obj in place and returns their paths. */
export function pruneUnknownFields(gvk: GroupVersionKind, obj: unknown): string[] {
  const schema = rootSchema(gvk);
  const found: string[] = [];
  if (schema) walk(schema, obj, '', found, true);
  return found;
}
