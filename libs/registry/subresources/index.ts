// A kind's subresources below HTTP: the handlers and the table built from a strategy.
export * from './subresource';
export * from './object-subresources';
export * from './scale-subresource';
export * from './subresource-table';
