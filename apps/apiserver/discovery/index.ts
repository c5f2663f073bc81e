// The discovery and OpenAPI HTTP module.
export * from './discovery.module';
export * from './discovery.controller';
export * from '../openapi/openapi.controller';
