// JSON requests and streaming GETs to one API server over node:https: a keep-alive pool for
// requests, separate connections for watches (a long watch must not hold a pooled socket), the
// server verified against the cluster CA, a client certificate or a bearer token.
import { IncomingMessage } from 'node:http';
import { Agent, request, RequestOptions } from 'node:https';
import { HttpsClientConfig } from './https-client-config';
import { statusErrorFromResponse } from './status-from-response';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  /** API path with its query, e.g. /api/v1/namespaces/default/pods?limit=10. */
  path: string;
  body?: unknown;
  /** Defaults to application/json. */
  contentType?: string;
}

/** A streaming GET: the response once the server accepted it (>= 400 rejects with a StatusError). */
export interface HttpStream {
  response: Promise<IncomingMessage>;
  abort(): void;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_USER_AGENT = 'kubenest-client/0.1';

export class HttpsTransport {
  private readonly pool: Agent;
  private readonly streams: Agent;
  private readonly base: URL;
  private lastLocalAddress?: string;

  constructor(private readonly config: HttpsClientConfig) {
    this.base = new URL(config.server);
    const tls = {
      ca: config.caPem,
      cert: config.certPem,
      key: config.keyPem,
      rejectUnauthorized: !config.insecureSkipTlsVerify,
    };
    this.pool = new Agent({ ...tls, keepAlive: true, maxSockets: config.maxSockets ?? 4 });
    this.streams = new Agent({ ...tls, keepAlive: false });
  }

  /** The parsed JSON answer; a StatusError for an HTTP error, other errors for transport failures. */
  request<T>(req: HttpRequest): Promise<T> {
    const body = encodeBody(req.body);
    const headers = this.headers();
    if (body) {
      headers['content-type'] = req.contentType ?? 'application/json';
      headers['content-length'] = body.length;
    }
    return new Promise<T>((resolve, reject) => {
      const r = request(this.options(req.method, req.path, headers, this.pool), (res) => {
        this.lastLocalAddress = res.socket.localAddress ?? this.lastLocalAddress;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const code = res.statusCode ?? 0;
          if (code >= 400) return reject(statusErrorFromResponse(code, text));
          try {
            resolve((text ? JSON.parse(text) : undefined) as T);
          } catch {
            reject(new Error(`${req.method} ${req.path}: the answer is not JSON`));
          }
        });
      });
      r.setTimeout(this.config.timeoutMs ?? DEFAULT_TIMEOUT_MS, () =>
        r.destroy(new Error(`${req.method} ${req.path}: no answer in time`)),
      );
      r.on('error', reject);
      r.end(body);
    });
  }

  /** A GET whose answer is read as it comes; a connection silent for idleTimeoutMs fails. */
  stream(path: string, idleTimeoutMs: number): HttpStream {
    let r: ReturnType<typeof request> | undefined;
    const response = new Promise<IncomingMessage>((resolve, reject) => {
      r = request(this.options('GET', path, this.headers(), this.streams), (res) => {
        this.lastLocalAddress = res.socket.localAddress ?? this.lastLocalAddress;
        const code = res.statusCode ?? 0;
        if (code < 400) return resolve(res);
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => reject(statusErrorFromResponse(code, Buffer.concat(chunks).toString('utf8'))));
      });
      r.setTimeout(idleTimeoutMs, () =>
        r?.destroy(new Error(`the connection was silent for ${Math.round(idleTimeoutMs / 1000)} s`)),
      );
      r.on('error', reject);
      r.end();
    });
    return { response, abort: () => r?.destroy() };
  }

  /** The local address of the last connection that answered (the node's InternalIP). */
  localAddress(): string | undefined {
    return this.lastLocalAddress;
  }

  close(): void {
    this.pool.destroy();
    this.streams.destroy();
  }

  private headers(): Record<string, string | number> {
    const headers: Record<string, string | number> = {
      accept: 'application/json',
      'user-agent': this.config.userAgent ?? DEFAULT_USER_AGENT,
    };
    if (this.config.bearerToken) headers.authorization = `Bearer ${this.config.bearerToken}`;
    return headers;
  }

  private options(method: HttpMethod, path: string, headers: RequestOptions['headers'], agent: Agent): RequestOptions {
    return {
      protocol: 'https:',
      hostname: this.base.hostname.replace(/^\[|\]$/g, ''),
      port: this.base.port || 443,
      path: `${this.base.pathname.replace(/\/$/, '')}${path}`,
      method,
      headers,
      agent,
    };
  }
}

// A string goes as it is (an apply patch may be YAML); anything else as JSON.
const encodeBody = (body: unknown): Buffer | undefined =>
  body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
