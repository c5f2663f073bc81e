// The registry layer: the generic store, strategies, admission, the watch cache.
export * from './strategy';
export * from './resource-registry';
export * from './admission';
export * from './generic-store';
export * from './deletion-propagation';
export * from './object-codec';
export * from './object-validation';
export * from './reset-fields';
export * from './table-convertor';
export * from './system-metadata';
export * from './selection';
export * from './resource-stores';
export * from './cache';
export * from './subresources';
export * from './request';
