// Lets HTTP upgrade requests (WebSocket, SPDY) go through the Express app like any request, so the
// global authentication guard, the routes and the Status exception filter apply to them; a handler
// that accepts the upgrade takes the raw socket with acceptWebSocket.
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
  app: (req: IncomingMessage, res: ServerResponse) => void,
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
    app(req, res);
  });
};

export const isWebSocketUpgrade = (req: IncomingMessage): boolean =>
  pending.has(req) && (req.headers.upgrade ?? '').toLowerCase() === 'websocket';

export const isSpdyUpgrade = (req: IncomingMessage): boolean =>
  (req.headers.upgrade ?? '').toLowerCase().startsWith('spdy/');

/** Completes the WebSocket handshake of an upgrade request the handler has decided to accept. */
export const acceptWebSocket = (wss: WebSocketServer, req: IncomingMessage): Promise<WebSocket> => {
  const upgrade = pending.get(req);
  if (!upgrade || !isWebSocketUpgrade(req)) throw StatusError.badRequest('Upgrade request required');
  pending.delete(req);
  upgrade.res.off('finish', upgrade.endSocket);
  upgrade.res.detachSocket(upgrade.socket as Socket);
  return new Promise((resolve, reject) => {
    upgrade.socket.once('close', () => reject(new Error('the connection closed during the WebSocket handshake')));
    wss.handleUpgrade(req, upgrade.socket, upgrade.head, resolve);
  });
};
