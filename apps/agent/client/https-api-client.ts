// ApiClient over node:https: one keep-alive connection pool per identity, the cluster CA pinned
// (or, only while discovering it, no verification at all), a client certificate or a bearer token.
import { Agent, request } from 'node:https';
import { ApiClient, ApiRequest, MERGE_PATCH } from './api-client';
import { ApiError } from './api-error';

export interface ClientCredentials {
  server: string;
  /** PEM of the only CA trusted. Absent: the server is not verified (cluster-info discovery only). */
  caPem?: string;
  certPem?: string;
  keyPem?: string;
  bearerToken?: string;
  /** Connections kept to the server; simulated nodes use 1 each. */
  maxSockets?: number;
  timeoutMs?: number;
}

export class HttpsApiClient implements ApiClient {
  private readonly agent: Agent;
  private readonly base: URL;
  private lastLocalAddress?: string;

  constructor(private readonly credentials: ClientCredentials) {
    this.base = new URL(credentials.server);
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: credentials.maxSockets ?? 4,
      ca: credentials.caPem,
      cert: credentials.certPem,
      key: credentials.keyPem,
      rejectUnauthorized: credentials.caPem !== undefined,
    });
  }

  request<T>(req: ApiRequest): Promise<T> {
    const body = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
    const headers: Record<string, string | number> = { accept: 'application/json', 'user-agent': 'kubenest-agent/0.1' };
    if (body) {
      headers['content-type'] = req.contentType ?? (req.method === 'PATCH' ? MERGE_PATCH : 'application/json');
      headers['content-length'] = body.length;
    }
    if (this.credentials.bearerToken) headers.authorization = `Bearer ${this.credentials.bearerToken}`;
    return new Promise<T>((resolve, reject) => {
      const r = request(
        {
          protocol: 'https:',
          hostname: this.base.hostname.replace(/^\[|\]$/g, ''),
          port: this.base.port || 443,
          path: `${this.base.pathname.replace(/\/$/, '')}${req.path}`,
          method: req.method,
          headers,
          agent: this.agent,
          timeout: this.credentials.timeoutMs ?? 30_000,
        },
        (res) => {
          this.lastLocalAddress = res.socket.localAddress ?? this.lastLocalAddress;
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const code = res.statusCode ?? 0;
            if (code >= 400) return reject(ApiError.fromResponse(code, text));
            try {
              resolve((text ? JSON.parse(text) : undefined) as T);
            } catch {
              reject(new Error(`${req.method} ${req.path}: the answer is not JSON`));
            }
          });
        },
      );
      r.on('timeout', () => r.destroy(new Error(`${req.method} ${req.path}: no answer in time`)));
      r.on('error', reject);
      r.end(body);
    });
  }

  localAddress(): string | undefined {
    return this.lastLocalAddress;
  }

  close(): void {
    this.agent.destroy();
  }
}
