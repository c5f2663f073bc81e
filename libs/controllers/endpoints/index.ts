// The endpoints loop, and what it shares with the endpointslice loop about Services and their pods.
export { endpointsLoop, ENDPOINT_CONTROLLER } from './endpoints.loop';
export * from './service-pods';
