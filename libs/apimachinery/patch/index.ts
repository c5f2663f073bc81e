// Applying PATCH bodies (JSON patch, merge patch, strategic merge patch) as kube-apiserver does.
export * from './apply-patch';
export * from './json-patch';
export * from './merge-patch';
export * from './strategic-merge-patch';
export * from './patch-meta';
export * from './patch-error';
export * from './patch-limits';
