// Test doubles of the client: an in-memory ResourceClient, as client-go's fake clientset.
export * from './fake-resource-client';
export { FakeWatch } from './fake-watch';
