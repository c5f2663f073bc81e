// OpenAPI v3 documents of the served resources, and server-side field validation by their schemas.
export * from './openapi-types';
export * from './definitions';
export * from './resource-verbs';
export * from './resource-paths';
export * from './group-version-document';
export * from './openapi-root';
export * from './merged-document';
export * from './structure-check';
export * from './field-validation';
