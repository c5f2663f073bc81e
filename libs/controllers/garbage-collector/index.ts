// The garbage collector: deletes objects whose owners are gone, and carries out the Foreground and
// Orphan propagation policies the registry marks owners with.
export * from './collected-resources';
export * from './garbage-collector';
export * from './garbage-collector.loop';
export * from './object-identity';
export * from './owner-graph';
