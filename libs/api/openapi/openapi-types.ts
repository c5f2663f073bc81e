// The slice of the OpenAPI 3.0 object model that Kubernetes documents use, with kube's x- extensions.
import { GroupVersionKind } from '@kubenest/apimachinery';

export interface OpenApiSchema {
  type?: string;
  format?: string;
  description?: string;
  properties?: Record<string, OpenApiSchema>;
  additionalProperties?: OpenApiSchema | boolean;
  items?: OpenApiSchema;
  required?: string[];
  enum?: string[];
  uniqueItems?: boolean;
  $ref?: string;
  allOf?: OpenApiSchema[];
  oneOf?: OpenApiSchema[];
  'x-kubernetes-group-version-kind'?: GroupVersionKind[];
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  [extension: `x-${string}`]: unknown;
}

export interface OpenApiParameter {
  name: string;
  in: 'query' | 'path' | 'header';
  description: string;
  required?: boolean;
  schema: OpenApiSchema;
}

export type OpenApiContent = Record<string, { schema: OpenApiSchema }>;

export interface OpenApiOperation {
  tags: string[];
  description: string;
  operationId: string;
  parameters?: OpenApiParameter[];
  requestBody?: { content: OpenApiContent; required: boolean };
  responses: Record<string, { description: string; content?: OpenApiContent }>;
  'x-kubernetes-action': string;
  'x-kubernetes-group-version-kind': GroupVersionKind;
}

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export type OpenApiPathItem = Partial<Record<HttpMethod, OpenApiOperation>> & { parameters?: OpenApiParameter[] };

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  paths: Record<string, OpenApiPathItem>;
  components: {
    schemas: Record<string, OpenApiSchema>;
    securitySchemes: Record<string, { type: string; scheme?: string; description?: string }>;
  };
  security: Record<string, string[]>[];
  tags?: { name: string; description?: string }[];
}
