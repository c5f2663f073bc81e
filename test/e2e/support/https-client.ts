// Plain HTTPS requests to a test server, trusting its CA, as a client library without kubectl's
// conventions would send them (Python-client style booleans, DELETE bodies, no credentials).
import { IncomingHttpHeaders } from 'node:http';
import { request } from 'node:https';

export interface HttpsTarget {
  port: number;
  caPem: string;
}

export interface HttpsRequest {
  method?: string;
  path: string;
  /** A bearer token; none sends no Authorization header. */
  token?: string;
  /** A client certificate and its key (a node's identity), instead of or besides a token. */
  certPem?: string;
  keyPem?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /**
   * Sends `Expect: 100-continue` and the body only once the server asks for it, as curl does for
   * large bodies: a body the server refuses at once is never written into a connection it closes.
   */
  expectContinue?: boolean;
  timeoutMs?: number;
}

export interface HttpsResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: () => any;
}

const requestOptions = (target: HttpsTarget, req: HttpsRequest) => ({
  host: '127.0.0.1',
  port: target.port,
  ca: target.caPem,
  cert: req.certPem,
  key: req.keyPem,
  // No keep-alive pool: an idle pooled socket would outlive the test and hold jest open.
  agent: false,
  method: req.method ?? 'GET',
  path: req.path,
  headers: {
    Accept: 'application/json',
    ...(req.token ? { Authorization: `Bearer ${req.token}` } : {}),
    ...(req.body !== undefined ? { 'Content-Length': String(Buffer.byteLength(req.body)) } : {}),
    ...(req.expectContinue ? { Expect: '100-continue' } : {}),
    ...req.headers,
  },
});

/** One request, its whole answer. A write error after the answer arrived (the server may answer
 * before reading a too-large body and close the connection) does not fail the request. */
export const httpsRequest = (target: HttpsTarget, req: HttpsRequest): Promise<HttpsResponse> =>
  new Promise((resolve, reject) => {
    let answered = false;
    const call = request(requestOptions(target, req), (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
    });
    call.setTimeout(req.timeoutMs ?? 30_000, () =>
      call.destroy(new Error(`${req.method ?? 'GET'} ${req.path} timed out`)),
    );
    call.on('error', (e) => {
      if (!answered) reject(e);
    });
    if (req.body !== undefined && req.expectContinue) call.once('continue', () => call.end(req.body));
    else if (req.body !== undefined) call.end(req.body);
    else call.end();
  });

/** A streaming GET (a watch): the status, headers and the first `lines` newline-terminated lines,
 * then the connection is closed. */
export const readStreamLines = (
  target: HttpsTarget,
  req: HttpsRequest,
  lines: number,
): Promise<{ status: number; headers: IncomingHttpHeaders; lines: string[] }> =>
  new Promise((resolve, reject) => {
    const call = request(requestOptions(target, req), (res) => {
      let buffered = '';
      const done = (got: string[]) => {
        call.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, lines: got });
      };
      res.on('data', (c: Buffer) => {
        buffered += c.toString('utf8');
        const complete = buffered
          .split('\n')
          .slice(0, -1)
          .filter((l) => l.trim() !== '');
        if (complete.length >= lines) done(complete.slice(0, lines));
      });
      res.on('end', () => done(buffered.split('\n').filter((l) => l.trim() !== '')));
    });
    call.setTimeout(req.timeoutMs ?? 20_000, () =>
      call.destroy(new Error(`stream ${req.path} gave fewer than ${lines} lines in time`)),
    );
    call.on('error', reject);
    call.end();
  });
