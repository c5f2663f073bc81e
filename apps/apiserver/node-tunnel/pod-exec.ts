// Relays an exec session between the client's WebSocket (in the framing it negotiated) and the
// agent's stream socket: stdin, resize and stream closes one way, stdout and stderr the other, and
// the exit status on the error channel last, after which both sockets close.
import WebSocket from 'ws';
import { Channel, decodeFrame, encodeFrame, messageBytes, StreamOutcome } from '@kubenest/node-protocol';
import { decodeFromClient, encodeForClient, ExecFraming, outcomeMessage } from './exec-protocols';

const TO_AGENT = new Set<number>([Channel.stdin, Channel.resize, Channel.close]);

export const relayExec = (client: WebSocket, agent: WebSocket, framing: ExecFraming): void => {
  client.on('message', (message: Buffer) => {
    const { channel, data } = decodeFromClient(framing, messageBytes(message));
    if (!TO_AGENT.has(channel) || (channel === Channel.close && !framing.streamClose)) return;
    if (agent.readyState === WebSocket.OPEN) agent.send(encodeFrame(channel, data));
  });
  agent.on('message', (message: Buffer) => {
    const { channel, data } = decodeFrame(messageBytes(message));
    if (channel === Channel.stdout || channel === Channel.stderr) {
      client.send(encodeForClient(framing, channel, data));
    } else if (channel === Channel.error) {
      const outcome = JSON.parse(data.toString('utf8')) as StreamOutcome;
      client.send(encodeForClient(framing, Channel.error, outcomeMessage(framing, outcome)));
      client.close(1000);
    }
  });
  for (const ws of [client, agent]) ws.on('error', () => undefined);
  client.on('close', () => agent.close(1000));
  agent.on('close', () => client.close(1000));
};
