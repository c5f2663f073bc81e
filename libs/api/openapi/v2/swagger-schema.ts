// Rewrites an OpenAPI v3 schema as the Swagger 2.0 schema kube-apiserver serves at /openapi/v2:
// references point into #/definitions, and v3-only constructs become what kube's v2 document says.
import { OpenApiSchema } from '../openapi-types';
import { SwaggerSchema } from './swagger-types';

const V3_PREFIX = '#/components/schemas/';
const V2_PREFIX = '#/definitions/';

export const swaggerRef = (ref: string): string =>
  ref.startsWith(V3_PREFIX) ? `${V2_PREFIX}${ref.slice(V3_PREFIX.length)}` : ref;

/**
 * v3 wraps a described reference in a one-element allOf; v2 puts the description beside the $ref,
 * and kubectl's v2 parser rejects a reference that also carries a type.
 */
const referenceOf = (schema: OpenApiSchema): string | undefined =>
  schema.$ref ?? (schema.allOf?.length === 1 && schema.allOf[0].$ref ? schema.allOf[0].$ref : undefined);

/** Swagger 2.0 has no oneOf: kube's v2 document types Quantity and IntOrString as strings. */
const typeOfAlternatives = (alternatives: OpenApiSchema[]): string | undefined => {
  const types = alternatives.map((a) => a.type).filter((t): t is string => !!t);
  return types.includes('string') ? 'string' : types[0];
};

const mapValues = (record: Record<string, OpenApiSchema>): Record<string, SwaggerSchema> =>
  Object.fromEntries(Object.entries(record).map(([name, schema]) => [name, toSwaggerSchema(schema)]));

export function toSwaggerSchema(schema: OpenApiSchema): SwaggerSchema {
  // The rest holds what both versions spell alike: type, format, description, enum, required, x-*.
  const { allOf, oneOf, properties, additionalProperties, items, ...rest } = schema;
  const out: SwaggerSchema = { ...rest };
  delete out.$ref;
  const ref = referenceOf(schema);
  if (ref) {
    delete out.type;
    return { ...out, $ref: swaggerRef(ref) };
  }
  if (!out.type && oneOf?.length) {
    const type = typeOfAlternatives(oneOf);
    if (type) out.type = type;
  }
  if (properties) out.properties = mapValues(properties);
  if (additionalProperties !== undefined) {
    out.additionalProperties =
      typeof additionalProperties === 'boolean' ? additionalProperties : toSwaggerSchema(additionalProperties);
  }
  if (items) out.items = toSwaggerSchema(items);
  if (allOf?.length) out.allOf = allOf.map(toSwaggerSchema);
  return out;
}
