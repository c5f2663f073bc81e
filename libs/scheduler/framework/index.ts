// The scheduling framework's types: what plugins implement and what they are given.
export * from './affinity-term';
export * from './cluster-event';
export * from './cycle-state';
export * from './fit-error';
export * from './host-ports';
export * from './node-info';
export * from './node-local-memo';
export * from './plugin';
export * from './pod-info';
export * from './resources';
export * from './snapshot';
export * from './status';
