// Validation rules and messages of k8s.io/apimachinery's util/validation and api/validation.
export * from './messages';
export * from './dns';
export * from './qualified-name';
export * from './config-map-key';
export * from './network';
export * from './name-validators';
export * from './labels';
export * from './annotations';
export * from './owner-references';
export * from './finalizers';
export * from './immutable';
export * from './object-meta';
