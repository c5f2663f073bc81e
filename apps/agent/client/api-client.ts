// What the agent's steps need from the API server: one JSON request at a time. Steps receive this
// (or narrower functions built on it), so unit tests pass fakes and never open a socket.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export const MERGE_PATCH = 'application/merge-patch+json';

export interface ApiRequest {
  method: HttpMethod;
  /** Absolute API path with its query, e.g. /api/v1/nodes/n1. */
  path: string;
  body?: unknown;
  /** Defaults to application/json; PATCH uses MERGE_PATCH. */
  contentType?: string;
}

export interface ApiClient {
  /** The parsed JSON answer; throws ApiError for an HTTP error, other errors for transport failures. */
  request<T>(req: ApiRequest): Promise<T>;
  /** The local address of this client's last connection to the server (the node's InternalIP). */
  localAddress(): string | undefined;
  /** Closes idle connections. */
  close(): void;
}
