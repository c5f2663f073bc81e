// Relays an exec session between the client (a WebSocket in the framing it negotiated, or SPDY
// streams) and the agent's stream socket: stdin, resize and stream closes one way, stdout and stderr
// the other, and the exit status on the error channel last, after which both ends close.
import WebSocket from 'ws';
import { Channel, decodeFrame, encodeFrame, messageBytes, StreamOutcome } from '@kubenest/node-protocol';
import { decodeFromClient, encodeForClient, ExecFraming, outcomeMessage } from './exec-protocols';

const TO_AGENT = new Set<number>([Channel.stdin, Channel.resize, Channel.close]);

/** The client end of an exec session, whatever carries it. */
export interface ExecClient {
  /** stdout or stderr bytes. */
  output(channel: number, data: Buffer): void;
  /** The command's outcome; the client end then closes. */
  finish(outcome: StreamOutcome): void;
  /** The agent went away without an outcome. */
  close(): void;
}

/** Where the client's input goes: stdin, resize and close frames (@kubenest/node-protocol channels). */
export interface ExecInput {
  send(channel: number, data: Buffer): void;
  /** The client went away: the agent kills the command. */
  close(): void;
}

/** Binds the agent's stream socket to a client end; returns the way to the agent for the client's input. */
export const relayAgent = (agent: WebSocket, client: ExecClient): ExecInput => {
  agent.on('message', (message: Buffer) => {
    const { channel, data } = decodeFrame(messageBytes(message));
    if (channel === Channel.stdout || channel === Channel.stderr) client.output(channel, data);
    else if (channel === Channel.error) client.finish(JSON.parse(data.toString('utf8')) as StreamOutcome);
  });
  agent.on('error', () => undefined);
  agent.on('close', () => client.close());
  return {
    send: (channel, data) => {
      if (TO_AGENT.has(channel) && agent.readyState === WebSocket.OPEN) agent.send(encodeFrame(channel, data));
    },
    close: () => agent.close(1000),
  };
};

export const relayExec = (client: WebSocket, agent: WebSocket, framing: ExecFraming): void => {
  const input = relayAgent(agent, {
    output: (channel, data) => client.send(encodeForClient(framing, channel, data)),
    finish: (outcome) => {
      client.send(encodeForClient(framing, Channel.error, outcomeMessage(framing, outcome)));
      client.close(1000);
    },
    close: () => client.close(1000),
  });
  client.on('message', (message: Buffer) => {
    const { channel, data } = decodeFromClient(framing, messageBytes(message));
    if (channel !== Channel.close || framing.streamClose) input.send(channel, data);
  });
  client.on('error', () => undefined);
  client.on('close', () => input.close());
};
