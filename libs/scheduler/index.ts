// kube-scheduler in small: the framework, the in-tree plugins.
export * from './framework';
export * from './plugins';
