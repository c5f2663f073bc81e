// The control plane without HTTP, as Nest modules: the store, the registry with its caches and
// admission, in-process clients and the declared loops. The apiserver and the test harness both
// assemble these.
export * from './controllers.module';
export * from './in-process-clients';
export * from './lifecycle';
export * from './priority-class-reader';
export * from './registry.module';
export * from './scheduler.module';
export * from './storage.module';
export * from './store.token';
export * from './system-namespaces';
export * from './system-priority-classes';
