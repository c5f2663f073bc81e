// Both ends of a tunnel ping each other: a socket that has not answered the previous ping by
// the next one is dead (a peer gone without closing), so it is terminated and its close runs.
// A socket still connecting is left to its handshake timeout: ws refuses to ping it (it throws).
import type { WebSocket } from 'ws';

export const keepAlive = (ws: WebSocket, intervalMs: number): void => {
  let alive = true;
  const heartbeat = setInterval(() => {
    if (ws.readyState !== ws.OPEN) return;
    if (!alive) return ws.terminate();
    alive = false;
    ws.ping();
  }, intervalMs);
  ws.on('pong', () => (alive = true));
  ws.on('close', () => clearInterval(heartbeat));
};
