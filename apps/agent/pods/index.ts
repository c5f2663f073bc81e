// Pods on a real node: the pod source, one worker per pod, and what they decide with.
export { PodManager } from './pod-manager';
export { startPodSource } from './pod-source';
export type { PodSource, PodSourceHandlers } from './pod-source';
export { podSources, podStatusApi } from './pod-api';
export { startNodePods } from './start-node-pods';
export type { NodePods, NodePodsOptions } from './start-node-pods';
export type { NodeFacts, Pod } from './pod-types';
