// Whether the peer of a socket is still there: a ping answered by a pong within the time allowed.
// A peer gone without closing (a crashed host, a cut network) leaves its socket open but silent.
import type WebSocket from 'ws';

export const answersPing = (ws: WebSocket, timeoutMs: number): Promise<boolean> =>
  new Promise((resolve) => {
    const done = (alive: boolean): void => {
      clearTimeout(timer);
      ws.off('pong', onPong);
      ws.off('close', onClose);
      resolve(alive);
    };
    const onPong = (): void => done(true);
    const onClose = (): void => done(false);
    const timer = setTimeout(() => done(false), timeoutMs);
    ws.on('pong', onPong);
    ws.on('close', onClose);
    try {
      ws.ping();
    } catch {
      done(false);
    }
  });
