// Serves GET pods/<name>/log: the log bytes the node's agent streams through its tunnel, relayed
// as text/plain and flushed per chunk; a failure the agent reports first becomes the Status.
import { ServerResponse } from 'node:http';
import WebSocket from 'ws';
import { StatusError } from '@kubenest/apimachinery';
import { Channel, decodeFrame, messageBytes, StreamOutcome } from '@kubenest/node-protocol';
import { MALFORMED_OUTCOME, parseOutcome } from './stream-outcome';

/** Relays a log stream socket to the response; resolves once the answer is 200 and streaming. */
export const relayLog = (agent: WebSocket, res: ServerResponse): Promise<void> =>
  new Promise((resolve, reject) => {
    let started = false;
    res.on('close', () => agent.close(1000));
    agent.on('message', (message: Buffer) => {
      let frame: { channel: number; data: Buffer };
      let outcome: StreamOutcome | undefined;
      try {
        frame = decodeFrame(messageBytes(message));
        if (frame.channel === Channel.error && !started) outcome = parseOutcome(frame.data);
      } catch {
        // A node that sends a malformed frame ends the log: before it started, with a 500 Status.
        if (!started) reject(StatusError.internal(MALFORMED_OUTCOME.error.message));
        agent.terminate();
        return;
      }
      const { channel, data } = frame;
      if (channel === Channel.stdout) {
        if (!started) {
          started = true;
          res.writeHead(200, { 'Content-Type': 'text/plain' });
          res.flushHeaders();
          resolve();
        }
        if (data.length > 0 && !res.write(data)) {
          agent.pause();
          res.once('drain', () => agent.resume());
        }
      } else if (outcome && 'error' in outcome) {
        const { code, reason, message: text } = outcome.error;
        reject(new StatusError(code, reason as StatusError['reason'], text));
      }
    });
    agent.on('error', () => undefined);
    agent.on('close', () => {
      if (started) res.end();
      else reject(StatusError.internal('the node closed the log stream before it started'));
    });
  });
