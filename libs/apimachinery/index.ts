// Shared Kubernetes machinery: object meta, errors, tables, selectors, patches, validation, wire formats.
export * from './object';
export * from './field-error';
export * from './status-error';
export * from './table';
export * from './meta-time';
export * from './body-shape';
export * from './resource-path';
