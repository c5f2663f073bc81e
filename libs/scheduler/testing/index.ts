// Test helpers for the scheduler: pod and node builders.
export * from './builders';
