// Serves a port-forward stream on the agent: dials the pod's port and relays the connection's bytes
// both ways (the client's on stdin, the pod's on stdout) until the pod's side of it ends.
import { connect } from 'node:net';
import { Duplex } from 'node:stream';
import WebSocket from 'ws';
import { Channel, decodeFrame, messageBytes, StreamRequest } from '@kubenest/node-protocol';
import { channelWriter } from './channel-writer';
import { finish, outcomeOf } from './stream-end';

/** Opens a connection to a port of the pod. */
export type PortDialer = (port: number) => Promise<Duplex>;

/** Pods run as host processes in the agent's network namespace: a pod's port is a loopback port here. */
export const dialLoopback: PortDialer = (port) =>
  new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      socket.setNoDelay(true);
      resolve(socket);
    });
  });

const isPort = (port: unknown): port is number =>
  typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535;

export async function servePortForward(
  ws: WebSocket,
  req: Extract<StreamRequest, { op: 'portforward' }>,
  dial: PortDialer,
): Promise<void> {
  if (!isPort(req.port)) {
    return finish(ws, { error: { code: 400, reason: 'BadRequest', message: `invalid port ${String(req.port)}` } });
  }
  let conn: Duplex | undefined;
  let gone = false;
  ws.on('close', () => {
    gone = true;
    conn?.destroy();
  });
  // The client's first bytes wait in the socket until the pod's port answers.
  ws.pause();
  try {
    conn = await dial(req.port);
  } catch (e) {
    return finish(ws, outcomeOf(e));
  }
  const pod = conn;
  if (gone) return void pod.destroy();
  // Whatever the apiserver sends, nothing here throws: a frame that makes no sense is dropped.
  ws.on('message', (message: Buffer) => {
    const bytes = messageBytes(message);
    if (bytes.length === 0 || pod.writableEnded) return;
    const { channel, data } = decodeFrame(bytes);
    if (channel === Channel.stdin) {
      // The pod reads slower than the client sends: stop reading the socket until it catches up.
      if (!pod.write(data) && !ws.isPaused) {
        ws.pause();
        pod.once('drain', () => ws.resume());
      }
    } else if (channel === Channel.close && data[0] === Channel.stdin) pod.end();
  });
  ws.resume();
  pod.on('error', (e) => {
    finish(ws, outcomeOf(e));
    pod.destroy();
  });
  // As kubelet: the forwarded connection is over once the pod's side of it has ended.
  pod.pipe(channelWriter(ws, Channel.stdout)).on('finish', () => {
    finish(ws, { exitCode: 0 });
    pod.destroy();
  });
}
