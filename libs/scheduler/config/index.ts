// The scheduler's configuration: KubeSchedulerConfiguration (v1 subset), its defaults and checks.
export * from './default-plugins';
export * from './kube-scheduler-configuration';
export * from './load-configuration';
export * from './resolve-configuration';
