// Test helpers for the scheduler: pod and node builders, NodeInfos and snapshots over them.
export * from './builders';
export * from './node-infos';
