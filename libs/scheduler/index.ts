// kube-scheduler in small: the framework, the in-tree plugins, the cache, queue and runtime, the
// configuration, and the Scheduler that runs them.
export * from './cache';
export * from './config';
export * from './framework';
export * from './plugins';
export * from './queue';
export * from './runtime';
export * from './scheduler';
export * from './elected-scheduler';
