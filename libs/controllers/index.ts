// Control loops and the kit they are built on, as client-go and controller-runtime: shared
// informers and listers, the work queue, expectations, leader election, the event recorder,
// and defineLoop / LoopManager to declare and run loops.
export * from './certificates';
export * from './deployment';
export * from './events';
export * from './expectations';
export * from './garbage-collector';
export * from './informer';
export * from './leader-election';
export * from './loop';
export * from './namespace';
export * from './node-graph';
export * from './node-lifecycle';
export * from './queue';
export * from './replicaset';
export * from './taint-eviction';
