// The informer handlers feeding the scheduler's cache and queue.
export * from './scheduler-event-handlers';
export * from './update-actions';
