// Requests below the wire: the one path HTTP and the in-process client share.
export * from './checked-object';
export * from './resource-handler';
export * from './resource-version';
