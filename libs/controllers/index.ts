// Control loops and the kit they are built on, as client-go and controller-runtime: shared
// informers and listers, the work queue, expectations, leader election, the event recorder,
// and defineLoop / LoopManager to declare and run loops.
export * from './certificates';
export * from './deployment';
export * from './endpoints';
export * from './endpointslice';
export * from './events';
export * from './expectations';
export * from './garbage-collector';
export * from './informer';
export * from './leader-election';
export * from './loop';
export * from './namespace';
export * from './node-graph';
export * from './node-lifecycle';
export * from './podgc';
export * from './queue';
export * from './replicaset';
export * from './root-ca-publisher';
export * from './serviceaccount';
export * from './taint-eviction';
