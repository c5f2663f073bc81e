// Sends one fuzz case and reads its answer: the whole of it, or a watch's first line.
import { request } from 'node:https';
import { HttpsTarget } from '../https-client';
import { FuzzRequest } from './requests';

export interface FuzzAnswer {
  status: number;
  contentType: string;
  /** The body's start: enough to tell a Status. */
  text: string;
  /** A client-side failure: no answer, or a connection closed before one. */
  error?: string;
}

const maxKeptBytes = 64 * 1024;

export const send = (target: HttpsTarget, token: string, req: FuzzRequest, timeoutMs: number): Promise<FuzzAnswer> =>
  new Promise((resolve) => {
    let answered = false;
    const call = request(
      {
        host: '127.0.0.1',
        port: target.port,
        ca: target.caPem,
        agent: false,
        method: req.method,
        path: req.path,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(req.body !== undefined ? { 'Content-Length': String(Buffer.byteLength(req.body)) } : {}),
          ...req.headers,
        },
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        let kept = 0;
        const done = () => {
          call.destroy();
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
          });
        };
        res.on('data', (chunk: Buffer) => {
          if (kept < maxKeptBytes) chunks.push(chunk);
          kept += chunk.length;
          if (req.watch && chunk.includes(0x0a)) done();
        });
        res.on('end', done);
        res.on('error', done);
      },
    );
    call.setTimeout(timeoutMs, () => call.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    call.on('error', (e) => {
      if (!answered) resolve({ status: 0, contentType: '', text: '', error: e.message });
    });
    call.end(req.body);
  });
