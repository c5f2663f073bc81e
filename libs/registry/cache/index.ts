// The watch cache: per resource type, the objects in memory, serving lists, gets and watches.
export * from './watch-cache';
export * from './cache-watcher';
export * from './cache-errors';
export * from './continue-token';
export * from './selection';
export * from './sorted-tree';
export type { WatchEvent, WatchEventType } from './watch-event';
export { INITIAL_EVENTS_END_ANNOTATION, watchEventJson, withResourceVersion } from './watch-event';
