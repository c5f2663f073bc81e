// A kubelet's events about pods, recorded from this node's pod workers.
export { KubeletEventRecorder } from './kubelet-event-recorder';
export type { EventSubject, KubeletEventRecorderOptions } from './kubelet-event-recorder';
export * as kubeletEvents from './kubelet-events';
export type { KubeletEvent, PodIdentity } from './kubelet-events';
