// How every stream socket ends: its outcome on the error channel, then the close.
import WebSocket from 'ws';
import { Channel, encodeFrame, PodStreamError, StreamOutcome } from '@kubenest/node-protocol';

export const outcomeOf = (e: unknown): StreamOutcome =>
  e instanceof PodStreamError
    ? { error: { code: e.code, reason: e.reason, message: e.message } }
    : { error: { code: 500, reason: 'InternalError', message: (e as Error)?.message ?? String(e) } };

export const finish = (ws: WebSocket, outcome: StreamOutcome): void => {
  if (ws.readyState !== WebSocket.OPEN) return;
  // Reading may be paused for input nobody reads any more: the close handshake needs it back.
  ws.resume();
  ws.send(encodeFrame(Channel.error, JSON.stringify(outcome)));
  ws.close(1000);
};
