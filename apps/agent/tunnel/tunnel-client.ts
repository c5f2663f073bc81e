// The agent's end of the tunnel: it keeps one control WebSocket open to the apiserver (outbound
// only, authenticated with the node's client certificate), reconnecting with backoff for as long
// as it runs, whatever ended the last one (a stall, a refusal while the apiserver still holds this
// node's older tunnel); for each StreamRequest the apiserver sends on it, it dials a stream
// WebSocket and serves it.
import { Logger } from '@nestjs/common';
import WebSocket, { ClientOptions } from 'ws';
import { backoffDelay, Backoff } from '@kubenest/apimachinery/wait';
import { serveStream } from './serve-stream';
import {
  controlPath,
  keepAlive,
  messageBytes,
  PodStreams,
  StreamRequest,
  streamPath,
  TUNNEL_MAX_PAYLOAD,
} from '@kubenest/node-protocol';

export interface TunnelCredentials {
  server: string;
  caPem: string;
  certPem: string;
  keyPem: string;
}

export interface RunningTunnel {
  stop(): Promise<void>;
}

const RECONNECT: Backoff = { baseMs: 500, maxMs: 10_000 };
/** A control socket that answers no ping within this long is dead: the agent reconnects. */
const PING_MS = 20_000;

const logger = new Logger('Tunnel');

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The shape serveStream relies on; the fields inside options are read as optional. */
const isStreamRequest = (v: unknown): v is StreamRequest =>
  isRecord(v) &&
  typeof v.id === 'string' &&
  (v.op === 'logs' || v.op === 'exec' || v.op === 'attach' || v.op === 'portforward') &&
  isRecord(v.pod) &&
  typeof v.pod.namespace === 'string' &&
  typeof v.pod.name === 'string' &&
  typeof v.pod.uid === 'string' &&
  (v.op === 'portforward' ? typeof v.port === 'number' : typeof v.container === 'string' && isRecord(v.options)) &&
  (v.op !== 'exec' || (Array.isArray(v.command) && v.command.every((w) => typeof w === 'string')));

const wsUrl = (server: string, path: string): string => {
  const base = new URL(server);
  return `${base.origin.replace(/^http/, 'ws')}${base.pathname.replace(/\/$/, '')}${path}`;
};

export function startTunnel(credentials: TunnelCredentials, nodeName: string, streams: PodStreams): RunningTunnel {
  const tls: ClientOptions = {
    ca: credentials.caPem,
    cert: credentials.certPem,
    key: credentials.keyPem,
    headers: { 'user-agent': 'kubenest-agent/0.1' },
    handshakeTimeout: 10_000,
    // What the apiserver sends (stream requests, input in frames of MAX_FRAME_DATA) stays far below.
    maxPayload: TUNNEL_MAX_PAYLOAD,
  };
  let stopped = false;
  let control: WebSocket | undefined;
  let retry: NodeJS.Timeout | undefined;
  let attempt = 0;
  const open = new Set<WebSocket>();

  const dialStream = (request: StreamRequest): void => {
    const ws = new WebSocket(wsUrl(credentials.server, streamPath(nodeName, request.id)), tls);
    open.add(ws);
    ws.on('close', () => open.delete(ws));
    ws.on('error', (e) =>
      logger.warn(`stream ${request.op} ${request.pod.namespace}/${request.pod.name}: ${e.message}`),
    );
    ws.once('open', () =>
      serveStream(ws, streams, request).catch((e: unknown) => {
        logger.warn(`stream ${request.op} ${request.pod.namespace}/${request.pod.name}: ${(e as Error).message}`);
        ws.terminate();
      }),
    );
  };

  const connect = (): void => {
    if (stopped) return;
    const ws = new WebSocket(wsUrl(credentials.server, controlPath(nodeName)), tls);
    control = ws;
    keepAlive(ws, PING_MS);
    ws.on('open', () => {
      attempt = 0;
      logger.log(`tunnel to ${credentials.server} open`);
    });
    ws.on('message', (data: Buffer) => {
      try {
        const request: unknown = JSON.parse(messageBytes(data).toString('utf8'));
        if (!isStreamRequest(request)) throw new Error('not a stream request');
        dialStream(request);
      } catch (e) {
        logger.warn(`bad tunnel request: ${(e as Error).message}`);
      }
    });
    ws.on('error', (e) => logger.warn(`tunnel: ${e.message}`));
    ws.on('close', () => {
      if (stopped) return;
      const delay = backoffDelay(attempt++, RECONNECT);
      retry = setTimeout(connect, delay);
    });
  };

  connect();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(retry);
      for (const ws of [control, ...open]) ws?.terminate();
    },
  };
}
