// Control loops (reconcilers as chains of small steps), their work queue and informers.
export * from './certificates';
export * from './informer';
export * from './namespace';
export * from './node-graph';
export * from './queue';
