// One watch request over node:https: the server's newline-delimited JSON events handed over one by
// one until the server ends the stream, the connection fails, or close() is called.
import { request } from 'node:https';
import { ApiError } from '../client/api-error';
import type { ClientCredentials } from '../client/https-api-client';

export interface WatchEvent<T> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T;
}

export interface WatchStream {
  /** Settles when the stream ends: resolves on a clean end or close(), rejects on a failure. */
  done: Promise<void>;
  close(): void;
}

/** Splits a text stream into lines; keeps the unfinished tail for the next chunk. */
export class LineSplitter {
  private tail = '';

  push(chunk: string): string[] {
    const parts = (this.tail + chunk).split('\n');
    this.tail = parts.pop() ?? '';
    return parts.filter((line) => line.trim() !== '');
  }
}

/**
 * The apiserver sends a watch that asked for bookmarks one a minute: one silent for this long has
 * lost its connection without a reset (a host or network gone), and fails so that it is resumed.
 */
export const WATCH_IDLE_TIMEOUT_MS = 150_000;

/** onEvent may throw to end the stream; done then rejects with what it threw. */
export function openWatch<T>(
  credentials: ClientCredentials,
  path: string,
  onEvent: (event: WatchEvent<T>) => void,
  options: { idleTimeoutMs?: number } = {},
): WatchStream {
  const base = new URL(credentials.server);
  let closed = false;
  let req: ReturnType<typeof request> | undefined;
  const done = new Promise<void>((resolve, reject) => {
    req = request(
      {
        protocol: 'https:',
        hostname: base.hostname.replace(/^\[|\]$/g, ''),
        port: base.port || 443,
        path: `${base.pathname.replace(/\/$/, '')}${path}`,
        method: 'GET',
        headers: {
          accept: 'application/json',
          'user-agent': 'kubenest-agent/0.1',
          ...(credentials.bearerToken ? { authorization: `Bearer ${credentials.bearerToken}` } : {}),
        },
        ca: credentials.caPem,
        cert: credentials.certPem,
        key: credentials.keyPem,
        rejectUnauthorized: credentials.caPem !== undefined,
      },
      (res) => {
        res.setEncoding('utf8');
        if ((res.statusCode ?? 0) >= 400) {
          let text = '';
          res.on('data', (c: string) => (text += c));
          res.on('end', () => reject(ApiError.fromResponse(res.statusCode ?? 0, text)));
          return;
        }
        const lines = new LineSplitter();
        res.on('data', (chunk: string) => {
          for (const line of lines.push(chunk)) {
            if (closed) return;
            try {
              onEvent(JSON.parse(line) as WatchEvent<T>);
            } catch (e) {
              // A bad line or an ERROR event the handler refuses ends this stream as a failure.
              reject(e);
              closed = true;
              req?.destroy();
              return;
            }
          }
        });
        res.on('end', () => resolve());
        // Closed without an error event (close(), or the server went away mid-stream): resumable.
        res.on('close', () => resolve());
        res.on('error', (e) => (closed ? resolve() : reject(e)));
      },
    );
    if (options.idleTimeoutMs !== undefined) {
      const idleMs = options.idleTimeoutMs;
      req.setTimeout(idleMs, () => req?.destroy(new Error(`the watch was silent for ${idleMs / 1000} s`)));
    }
    req.on('error', (e) => (closed ? resolve() : reject(e)));
    req.on('close', () => closed && resolve());
    req.end();
  });
  return {
    done,
    close: () => {
      closed = true;
      req?.destroy();
    },
  };
}
