// The agent's API client: the interface its steps use and its node:https implementation.
export { MERGE_PATCH } from './api-client';
export type { ApiClient, ApiRequest, HttpMethod } from './api-client';
export { ApiError } from './api-error';
export { HttpsApiClient } from './https-api-client';
export type { ClientCredentials } from './https-api-client';
