// The slice of the Swagger 2.0 (OpenAPI v2) object model that kube-apiserver serves at /openapi/v2,
// with kube's x- extensions; the JSON answer and the gnostic protobuf are both written from it.
import { GroupVersionKind } from '@kubenest/apimachinery';

export interface SwaggerSchema {
  $ref?: string;
  type?: string;
  format?: string;
  description?: string;
  properties?: Record<string, SwaggerSchema>;
  additionalProperties?: SwaggerSchema | boolean;
  items?: SwaggerSchema;
  allOf?: SwaggerSchema[];
  required?: string[];
  enum?: unknown[];
  uniqueItems?: boolean;
  [extension: `x-${string}`]: unknown;
}

export interface SwaggerBodyParameter {
  name: string;
  in: 'body';
  description?: string;
  required?: boolean;
  schema: SwaggerSchema;
}

export interface SwaggerNonBodyParameter {
  name: string;
  in: 'query' | 'path' | 'header';
  description?: string;
  required?: boolean;
  type: string;
  format?: string;
  uniqueItems?: boolean;
}

export type SwaggerParameter = SwaggerBodyParameter | SwaggerNonBodyParameter;

export interface SwaggerResponse {
  description: string;
  schema?: SwaggerSchema;
}

export interface SwaggerOperation {
  tags?: string[];
  description?: string;
  operationId: string;
  consumes?: string[];
  produces?: string[];
  schemes?: string[];
  parameters?: SwaggerParameter[];
  responses: Record<string, SwaggerResponse>;
  'x-kubernetes-action'?: string;
  'x-kubernetes-group-version-kind'?: GroupVersionKind;
}

export const SWAGGER_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
export type SwaggerMethod = (typeof SWAGGER_METHODS)[number];

export type SwaggerPathItem = Partial<Record<SwaggerMethod, SwaggerOperation>> & { parameters?: SwaggerParameter[] };

export interface SwaggerApiKeySecurity {
  type: 'apiKey';
  name: string;
  in: 'header' | 'query';
  description?: string;
}

export interface SwaggerDocument {
  swagger: '2.0';
  info: { title: string; version: string; description?: string };
  paths: Record<string, SwaggerPathItem>;
  definitions: Record<string, SwaggerSchema>;
  securityDefinitions: Record<string, SwaggerApiKeySecurity>;
  security: Record<string, string[]>[];
}
