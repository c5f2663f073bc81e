// Serves GET pods/<name>/log: the log bytes the node's agent streams through its tunnel, relayed
// as text/plain and flushed per chunk; a failure the agent reports first becomes the Status.
import { Response } from 'express';
import WebSocket from 'ws';
import { StatusError } from '@kubenest/apimachinery';
import { Channel, decodeFrame, messageBytes, StreamOutcome } from '@kubenest/node-protocol';

/** Relays a log stream socket to the response; resolves once the answer is 200 and streaming. */
export const relayLog = (agent: WebSocket, res: Response): Promise<void> =>
  new Promise((resolve, reject) => {
    let started = false;
    res.on('close', () => agent.close(1000));
    agent.on('message', (message: Buffer) => {
      const { channel, data } = decodeFrame(messageBytes(message));
      if (channel === Channel.stdout) {
        if (!started) {
          started = true;
          res.status(200).setHeader('Content-Type', 'text/plain');
          res.flushHeaders();
          resolve();
        }
        if (data.length > 0 && !res.write(data)) {
          agent.pause();
          res.once('drain', () => agent.resume());
        }
      } else if (channel === Channel.error && !started) {
        const outcome = JSON.parse(data.toString('utf8')) as StreamOutcome;
        if ('error' in outcome) {
          const { code, reason, message: text } = outcome.error;
          reject(new StatusError(code, reason as StatusError['reason'], text));
        }
      }
    });
    agent.on('error', () => undefined);
    agent.on('close', () => {
      if (started) res.end();
      else reject(StatusError.internal('the node closed the log stream before it started'));
    });
  });
