// The built-in resources: their strategies, OpenAPI documents and discovery.
export * from './openapi';
export * from './discovery';
