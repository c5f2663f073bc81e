// Test helpers: a real PostgreSQL, the built server, the real kubectl. The control plane in one
// process, without HTTP, is startTestControlPlane from '@kubenest/testing/test-control-plane'.
export * from './postgres';
export * from './kubenest-server';
export * from './kubectl';
