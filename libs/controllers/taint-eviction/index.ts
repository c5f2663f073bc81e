// The taint eviction loop: pods off nodes whose NoExecute taints they do not tolerate.
export { taintEvictionLoop } from './taint-eviction.loop';
export type { TaintEvictionLoopOptions } from './taint-eviction.loop';
