// The scheduler's cache of nodes and pods, and the snapshot each cycle reads.
export * from './node-snapshot';
export * from './scheduler-cache';
