// Typed query parameters of list, watch and write requests, decoded as kube-apiserver decodes them.
export * from './parse-bool';
export * from './query-values';
export * from './list-options';
export * from './write-options';
