// The wire between the apiserver and an agent's tunnel, shared by both ends: the agent keeps a
// control WebSocket open; for each request the apiserver sends a StreamRequest on it, and the
// agent dials one stream WebSocket for it whose binary messages are channel frames.
import { LogOptions, ExecOptions, PodRef } from '@kubenest/node-protocol';

export const TUNNEL_PATH = '/tunnel/v1/nodes';

export const controlPath = (node: string): string => `${TUNNEL_PATH}/${encodeURIComponent(node)}`;
export const streamPath = (node: string, id: string): string =>
  `${controlPath(node)}/streams/${encodeURIComponent(id)}`;

export type StreamRequest =
  | { id: string; op: 'logs'; pod: PodRef; container: string; options: LogOptions }
  | { id: string; op: 'exec'; pod: PodRef; container: string; command: string[]; options: ExecOptions }
  // The running container's own stdin and output, from now on, framed as an exec session's.
  | { id: string; op: 'attach'; pod: PodRef; container: string; options: ExecOptions }
  // A connection to a port of the pod: the client's bytes on the stdin channel (its half-close as a
  // close frame of stdin), the pod's on stdout, and the outcome on the error channel last.
  | { id: string; op: 'portforward'; pod: PodRef; port: number };

/** The channels of kube's remote command protocol (v5.channel.k8s.io), reused on stream sockets. */
export const Channel = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;

/** The last message of every stream, on the error channel. */
export type StreamOutcome = { exitCode: number } | { error: { code: number; reason: string; message: string } };

export const encodeFrame = (channel: number, data: Buffer | string = Buffer.alloc(0)): Buffer =>
  Buffer.concat([Buffer.from([channel]), typeof data === 'string' ? Buffer.from(data, 'utf8') : data]);

/**
 * The largest message either end of the tunnel takes (both set it as ws's maxPayload): a larger
 * one closes the socket with 1009, refused from its header before it is held, where ws's default
 * would let a peer make the other end hold 100 MiB per message.
 */
export const TUNNEL_MAX_PAYLOAD = 1024 * 1024;

/** The most data one frame carries: a log, output or input of any size goes as several frames. */
export const MAX_FRAME_DATA = 64 * 1024;

/** One channel's data as frames of at most MAX_FRAME_DATA bytes; no data is one empty frame. */
export const encodeFrames = (channel: number, data: Buffer): Buffer[] => {
  if (data.length <= MAX_FRAME_DATA) return [encodeFrame(channel, data)];
  const frames: Buffer[] = [];
  for (let at = 0; at < data.length; at += MAX_FRAME_DATA) {
    frames.push(encodeFrame(channel, data.subarray(at, at + MAX_FRAME_DATA)));
  }
  return frames;
};

export const decodeFrame = (message: Buffer): { channel: number; data: Buffer } => {
  if (message.length === 0) throw new Error('empty frame: no channel byte');
  return { channel: message[0], data: message.subarray(1) };
};

/** A WebSocket message as one Buffer, whatever form `ws` delivered it in. */
export const messageBytes = (data: Buffer | ArrayBuffer | Buffer[]): Buffer =>
  Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
