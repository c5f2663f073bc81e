// The framework runtime: a profile's plugins run in kube-scheduler's order, the node search and
// the choice of host.
export * from './find-nodes';
export * from './fit-error';
export * from './framework';
export * from './profile';
export * from './schedule-pod';
export * from './select-host';
