// An object against its kind's schema, as kube's decoder reads JSON into typed structs: fields
// the schema does not define (what the strict decoder reports as `unknown field
// "spec.containers[0].foo"`), and values of the wrong JSON type (what decoding refuses with
// "cannot unmarshal object into Go struct field ... of type string"). Free-form objects
// (RawExtension, FieldsV1) take anything and are not looked into. A null reads as Go reads it:
// an unset field, or the zero value where a list or map must hold one; an empty optional list or
// map is left out, as kube's encoder leaves it out.
import { GroupVersionKind } from '@kubenest/apimachinery';
import { definitionNameOf, definitions, resolveSchema } from './definitions';
import { OpenApiSchema } from './openapi-types';

export interface TypeMismatch {
  path: string;
  /** The JSON type the schema asks for: string, integer, number, boolean, object or array. */
  expected: string;
  /** The JSON type found, with the value for numbers (an integer field given 1.5). */
  got: string;
}

export interface StructureFindings {
  unknownFields: string[];
  typeMismatches: TypeMismatch[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const fitsType = (value: unknown, type: string): boolean => {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    default:
      return true;
  }
};

const jsonTypeOf = (value: unknown): string => {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'number' : `number ${value}`;
  return typeof value === 'boolean' ? 'bool' : typeof value;
};

/** Whether value has the JSON type the schema asks for; an int-or-string field takes either of two. */
const fitsSchema = (s: OpenApiSchema, value: unknown): boolean => {
  if (s.type) return fitsType(value, s.type);
  return !s.oneOf || s.oneOf.some((o) => fitsType(value, resolveSchema(o).type ?? ''));
};

const expectedTypes = (s: OpenApiSchema): string =>
  s.type ?? (s.oneOf ?? []).map((o) => resolveSchema(o).type).join(' or ');

/**
 * What kube's decoder makes of a null where the schema asks for this: the type's zero value (a
 * list element or map value must hold something), or undefined when the field is best left out.
 */
const zeroValue = (s: OpenApiSchema): unknown => {
  switch (s.type ?? (s.oneOf ? 'int-or-string' : undefined)) {
    case 'object':
      return {};
    case 'array':
      return [];
    case 'string':
      return '';
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'int-or-string':
      return s.oneOf!.some((o) => resolveSchema(o).type === 'integer') ? 0 : '0';
    default:
      return undefined;
  }
};

const isEmptyObject = (value: Record<string, unknown>): boolean => {
  for (const _ in value) return false;
  return true;
};

/**
 * Whether an optional field holding this value is left out, as Go's omitempty leaves out an empty
 * slice or map when kube encodes the object it decoded (`annotations: {}` once the last annotation
 * is removed, an Endpoints' `subsets: []`). A struct ({} where the schema lists properties) stays:
 * omitempty never leaves one out. Optional fields are those the schema does not list as required,
 * as kube's OpenAPI generator lists every field without omitempty.
 */
const omittedWhenEmpty = (field: OpenApiSchema, value: unknown): boolean => {
  if (Array.isArray(value)) return value.length === 0;
  if (!isObject(value) || !isEmptyObject(value)) return false;
  const s = resolveSchema(field);
  return !s.properties && !!s.additionalProperties;
};

/** spec.containers[0].foo from its segments; built only for a field that is reported. */
const pathText = (segments: string[]): string =>
  segments.reduce((path, segment) => (!path || segment.startsWith('[') ? path + segment : `${path}.${segment}`), '');

// The path is a stack of segments rather than a string per field: most objects have nothing to
// report, and building every field's path cost more than the whole walk.
function walk(
  schema: OpenApiSchema,
  value: unknown,
  path: string[],
  findings: StructureFindings,
  prune: boolean,
): void {
  if (value === undefined) return;
  const s = resolveSchema(schema);
  if (!fitsSchema(s, value)) {
    findings.typeMismatches.push({ path: pathText(path), expected: expectedTypes(s), got: jsonTypeOf(value) });
    return;
  }
  if (Array.isArray(value)) {
    if (!s.items) return;
    for (let i = 0; i < value.length; i++) {
      path.push(`[${i}]`);
      if (value[i] === null) value[i] = zeroValue(resolveSchema(s.items)) ?? null;
      else walk(s.items, value[i], path, findings, prune);
      path.pop();
    }
    return;
  }
  if (!isObject(value) || s['x-kubernetes-preserve-unknown-fields']) return;
  const mapValues = typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
  if (!s.properties && !mapValues) return;
  for (const key of Object.keys(value)) {
    // Own properties only: a field named "constructor" or "__proto__" is unknown like any other.
    const field = s.properties ? (Object.hasOwn(s.properties, key) ? s.properties[key] : undefined) : mapValues;
    path.push(key);
    if (!field) {
      findings.unknownFields.push(pathText(path));
      if (prune) delete value[key];
    } else if (value[key] === null) {
      // A null field reads as unset; a null map value as the zero value of the map's type.
      if (mapValues && field === mapValues) value[key] = zeroValue(resolveSchema(mapValues)) ?? null;
      else delete value[key];
    } else {
      walk(field, value[key], path, findings, prune);
      if (field !== mapValues && !s.required?.includes(key) && omittedWhenEmpty(field, value[key])) delete value[key];
    }
    path.pop();
  }
}

/** What the kind's schema finds in obj, in document order; nothing for a kind without a schema. prune removes the unknown fields. */
export function checkStructure(gvk: GroupVersionKind, obj: unknown, prune: boolean): StructureFindings {
  const name = definitionNameOf(gvk);
  const schema = name ? definitions[name] : undefined;
  const findings: StructureFindings = { unknownFields: [], typeMismatches: [] };
  if (schema) walk(schema, obj, [], findings, prune);
  return findings;
}
