// The scheduling queue: active, backoff and unschedulable pods, and the nominator.
export * from './event-match';
export * from './nominator';
export * from './queued-pod-info';
export * from './scheduling-queue';
