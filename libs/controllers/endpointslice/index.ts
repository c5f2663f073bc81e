// The endpointslice loop.
export { endpointSliceLoop, ENDPOINTSLICE_CONTROLLER } from './endpointslice.loop';
export type { EndpointSliceLoopOptions } from './endpointslice.loop';
