// The in-process ResourceClient: the registry in this process, as an identity.
export * from './in-process-client';
