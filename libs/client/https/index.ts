// ResourceClient over HTTPS: the agent's and any remote process's way to the API.
export * from './https-client-config';
export * from './https-resource-client';
export { statusErrorFromResponse } from './status-from-response';
export { MAX_WATCH_LINE_BYTES } from './watch-lines';
