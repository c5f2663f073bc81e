// The pod garbage collector.
export { DEFAULT_TERMINATED_POD_GC_THRESHOLD, podGCLoop, POD_GC_CONTROLLER } from './podgc.loop';
export type { PodGCLoopOptions } from './podgc.loop';
