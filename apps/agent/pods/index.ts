// Pods on a real node: the node's pod informer, one worker per pod, and what they decide with.
export { PodManager } from './pod-manager';
export { startNodePodInformer } from './node-pod-informer';
export { podSources, podStatusApi } from './pod-api';
export { startNodePods } from './start-node-pods';
export type { NodePods, NodePodsOptions } from './start-node-pods';
export type { NodeFacts, Pod } from './pod-types';
