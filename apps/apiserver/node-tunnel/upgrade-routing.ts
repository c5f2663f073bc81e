// Lets HTTP upgrade requests (WebSocket, SPDY) go through the server's request listener like any
// request, so authentication, the routes and Status errors apply to them; a handler that accepts
// the upgrade takes the raw socket with acceptWebSocket or acceptSpdy.
import { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Duplex } from 'node:stream';
import { Socket } from 'node:net';
import { StatusError } from '@kubenest/apimachinery';
import WebSocket, { WebSocketServer } from 'ws';

interface PendingUpgrade {
  socket: Duplex;
  head: Buffer;
  res: ServerResponse;
  endSocket: () => void;
}

const pending = new WeakMap<IncomingMessage, PendingUpgrade>();

export const routeUpgradesThrough = (
  server: Server,
  listener: (req: IncomingMessage, res: ServerResponse) => void,
): void => {
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A response on the raw socket: whatever the handlers answer instead of upgrading reaches the client.
    const res = new ServerResponse(req);
    res.shouldKeepAlive = false;
    res.assignSocket(socket as Socket);
    const endSocket = () => socket.end();
    res.on('finish', endSocket);
    socket.on('error', () => socket.destroy());
    pending.set(req, { socket, head, res, endSocket });
    listener(req, res);
  });
};

export const isWebSocketUpgrade = (req: IncomingMessage): boolean =>
  pending.has(req) && (req.headers.upgrade ?? '').toLowerCase() === 'websocket';

export const isSpdyUpgrade = (req: IncomingMessage): boolean =>
  pending.has(req) && (req.headers.upgrade ?? '').toLowerCase().startsWith('spdy/');

/** Throws the 400 kubelet's upgrader answers when the Connection and Upgrade headers do not ask for SPDY/3.1. */
const checkSpdyUpgrade = (req: IncomingMessage): void => {
  if (!isSpdyUpgrade(req)) throw StatusError.badRequest('Upgrade request required');
  const connection = (req.headers.connection ?? '').toLowerCase();
  if (!connection.includes('upgrade') || !(req.headers.upgrade ?? '').toLowerCase().includes('spdy/3.1')) {
    throw StatusError.badRequest(
      `unable to upgrade: missing upgrade headers in request: Connection: ${req.headers.connection ?? ''}, Upgrade: ${req.headers.upgrade ?? ''}`,
    );
  }
};

/** Takes the raw socket of an upgrade request away from the response that would answer it with an error. */
const detach = (req: IncomingMessage): PendingUpgrade => {
  const upgrade = pending.get(req)!;
  pending.delete(req);
  upgrade.res.off('finish', upgrade.endSocket);
  upgrade.res.detachSocket(upgrade.socket as Socket);
  return upgrade;
};

/** Completes the WebSocket handshake of an upgrade request the handler has decided to accept. */
export const acceptWebSocket = (wss: WebSocketServer, req: IncomingMessage): Promise<WebSocket> => {
  if (!isWebSocketUpgrade(req)) throw StatusError.badRequest('Upgrade request required');
  const upgrade = detach(req);
  return new Promise((resolve, reject) => {
    upgrade.socket.once('close', () => reject(new Error('the connection closed during the WebSocket handshake')));
    wss.handleUpgrade(req, upgrade.socket, upgrade.head, resolve);
  });
};

/**
 * Answers 101 Switching Protocols to a SPDY/3.1 upgrade request the handler has decided to accept,
 * with `headers` besides Connection and Upgrade; the socket, and the bytes read past the request, are
 * then the caller's. Checks the headers as kubelet's upgrader does.
 */
export const acceptSpdy = (
  req: IncomingMessage,
  headers: Record<string, string> = {},
): { socket: Duplex; head: Buffer } => {
  checkSpdyUpgrade(req);
  const { socket, head } = detach(req);
  const lines = ['HTTP/1.1 101 Switching Protocols', 'Connection: Upgrade', 'Upgrade: SPDY/3.1'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  // A long exec idles as long as its user does: no HTTP timeout applies any more.
  (socket as Socket).setTimeout(0);
  (socket as Socket).setNoDelay(true);
  return { socket, head };
};
