// Work queues of the control loops and their `namespace/name` keys.
export { WorkQueue } from './work-queue';
export type { WorkQueueOptions } from './work-queue';
export { keyOf, splitKey } from './keys';
