// Events about the objects a loop acts on, aggregated as client-go's tools/record.
export { ClientEventRecorder } from './event-recorder';
export type { EventRecorder, EventRecorderOptions, EventType, InvolvedObject } from './event-recorder';
