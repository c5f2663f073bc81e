// Label and field selectors, parsed and matched as kube-apiserver does.
export * from './label-selector';
export * from './label-selector-parser';
export * from './label-syntax';
export * from './field-selector';
