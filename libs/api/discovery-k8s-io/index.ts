// discovery.k8s.io: EndpointSlice.
export { endpointSliceStrategy } from './endpointslice/endpointslice.strategy';
export * from './types';
