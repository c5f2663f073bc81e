// Sends one fuzz case and reads its answer: the whole of it, or a watch's first line.
import { IncomingMessage } from 'node:http';
import { request } from 'node:https';
import { Socket } from 'node:net';
import { Readable } from 'node:stream';
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

/** Reads the body of `res` from `body`: the whole of it, or a watch's first line; then calls `close`. */
const readAnswer = (res: IncomingMessage, body: Readable, watch: boolean, close: () => void): Promise<FuzzAnswer> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    const done = () => {
      close();
      resolve({
        status: res.statusCode ?? 0,
        contentType: String(res.headers['content-type'] ?? ''),
        text: Buffer.concat(chunks).toString('utf8'),
      });
    };
    body.on('data', (chunk: Buffer) => {
      if (kept < maxKeptBytes) chunks.push(chunk);
      kept += chunk.length;
      if (watch && chunk.includes(0x0a)) done();
    });
    body.on('end', done);
    body.on('error', done);
  });

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
        void readAnswer(res, res, req.watch, () => call.destroy()).then(resolve);
      },
    );
    // Node's client hands the answer to a CONNECT over as a tunnel: its body follows on the socket.
    call.on('connect', (res: IncomingMessage, socket: Socket, head: Buffer) => {
      answered = true;
      socket.unshift(head);
      void readAnswer(res, socket, false, () => socket.destroy()).then(resolve);
    });
    call.setTimeout(timeoutMs, () => call.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    call.on('error', (e) => {
      if (!answered) resolve({ status: 0, contentType: '', text: '', error: e.message });
    });
    call.end(req.body);
  });
