// A kubelet's events about pods, recorded from this node's pod workers.
export { EventRecorder } from './event-recorder';
export type { EventRecorderDeps } from './event-recorder';
export { eventSink } from './event-sink';
export type { EventSink } from './event-sink';
export type { CoreV1Event, EventSubject } from './event-object';
export * as kubeletEvents from './kubelet-events';
export type { KubeletEvent, PodIdentity } from './kubelet-events';
