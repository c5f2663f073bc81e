// The scheduling cycle and the binding cycle of one pod.
export * from './pod-scheduled-condition';
export * from './schedule-one';
