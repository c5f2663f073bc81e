// JSON requests to one apiserver with the admin bearer token, and the ConfigMap writes the
// resilience tests count, each remembered with the resourceVersion the server acknowledged.
import { HttpsResponse, httpsRequest } from '../support/https-client';

export interface ApiTarget {
  port: number;
  caPem: string;
  token: string;
}

export interface ApiClient {
  call: (method: string, path: string, body?: unknown, timeoutMs?: number) => Promise<HttpsResponse>;
  /** Fails with the response when the status is not 2xx; the parsed body otherwise. */
  ok: (method: string, path: string, body?: unknown) => Promise<any>;
}

export const describeResponse = (method: string, path: string, res: HttpsResponse): string =>
  `${method} ${path} -> ${res.status} retry-after=${res.headers['retry-after'] ?? '-'} ${res.text.slice(0, 500)}`;

export const apiClient = (target: ApiTarget): ApiClient => {
  const call = (method: string, path: string, body?: unknown, timeoutMs?: number) =>
    httpsRequest(target, {
      method,
      path,
      token: target.token,
      timeoutMs,
      ...(body === undefined
        ? {}
        : {
            body: JSON.stringify(body),
            headers: {
              'Content-Type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json',
            },
          }),
    });
  return {
    call,
    ok: async (method, path, body) => {
      const res = await call(method, path, body);
      if (res.status < 200 || res.status > 299) throw new Error(describeResponse(method, path, res));
      return res.json();
    },
  };
};

export const configMapsPath = (namespace: string) => `/api/v1/namespaces/${namespace}/configmaps`;

export const configMap = (name: string, data: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name },
  data,
});

export const createNamespace = (api: ApiClient, name: string) =>
  api.ok('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
