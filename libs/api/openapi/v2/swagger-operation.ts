// One v3 path item or operation rewritten as Swagger 2.0: the request body becomes a body parameter,
// parameter schemas fold into the parameter, and responses name their schema directly.
import { OpenApiContent, OpenApiOperation, OpenApiParameter, OpenApiPathItem } from '../openapi-types';
import { toSwaggerSchema } from './swagger-schema';
import {
  SWAGGER_METHODS,
  SwaggerOperation,
  SwaggerParameter,
  SwaggerPathItem,
  SwaggerResponse,
  SwaggerSchema,
} from './swagger-types';

export function toSwaggerParameter(p: OpenApiParameter): SwaggerParameter {
  return {
    ...(p.schema.uniqueItems ? { uniqueItems: true } : {}),
    type: p.schema.type ?? 'string',
    ...(p.schema.format ? { format: p.schema.format } : {}),
    description: p.description,
    name: p.name,
    in: p.in,
    ...(p.required ? { required: true } : {}),
  };
}

const schemaOfContent = (content?: OpenApiContent): SwaggerSchema | undefined => {
  const media = content ? (content['application/json'] ?? Object.values(content)[0]) : undefined;
  return media ? toSwaggerSchema(media.schema) : undefined;
};

/** As kube's v2 document: JSON bodies accept any media type, PATCH names its patch types. */
const consumesOf = (op: OpenApiOperation): string[] => {
  const types = Object.keys(op.requestBody?.content ?? {});
  return types.length > 1 ? types : ['*/*'];
};

const producesOf = (op: OpenApiOperation): string[] => {
  const types = new Set(Object.values(op.responses).flatMap((r) => Object.keys(r.content ?? {})));
  return types.size ? [...types] : ['application/json'];
};

export function toSwaggerOperation(op: OpenApiOperation): SwaggerOperation {
  const parameters: SwaggerParameter[] = [];
  const body = op.requestBody ? schemaOfContent(op.requestBody.content) : undefined;
  if (op.requestBody && body) {
    parameters.push({ name: 'body', in: 'body', ...(op.requestBody.required ? { required: true } : {}), schema: body });
  }
  parameters.push(...(op.parameters ?? []).map(toSwaggerParameter));
  const responses: Record<string, SwaggerResponse> = {};
  for (const [code, response] of Object.entries(op.responses)) {
    const schema = schemaOfContent(response.content);
    responses[code] = { description: response.description, ...(schema ? { schema } : {}) };
  }
  return {
    description: op.description,
    consumes: consumesOf(op),
    produces: producesOf(op),
    schemes: ['https'],
    tags: op.tags,
    operationId: op.operationId,
    ...(parameters.length ? { parameters } : {}),
    responses,
    'x-kubernetes-action': op['x-kubernetes-action'],
    'x-kubernetes-group-version-kind': op['x-kubernetes-group-version-kind'],
  };
}

export function toSwaggerPathItem(item: OpenApiPathItem): SwaggerPathItem {
  const out: SwaggerPathItem = {};
  for (const method of SWAGGER_METHODS) {
    const op = item[method];
    if (op) out[method] = toSwaggerOperation(op);
  }
  if (item.parameters?.length) out.parameters = item.parameters.map(toSwaggerParameter);
  return out;
}
