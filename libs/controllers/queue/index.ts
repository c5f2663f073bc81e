// Work queues of the control loops.
export { WorkQueue } from './work-queue';
export type { WorkQueueOptions } from './work-queue';
