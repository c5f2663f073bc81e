// /openapi/v2: the Swagger 2.0 document of the served resources, as JSON or gnostic protobuf.
export * from './swagger-types';
export * from './swagger-schema';
export * from './swagger-document';
export * from './gnostic-encoder';
export * from './openapi-v2-negotiation';
export * from './openapi-v2-cache';
