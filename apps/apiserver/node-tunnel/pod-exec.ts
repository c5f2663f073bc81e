// Relays an exec session between the client (a WebSocket in the framing it negotiated, or SPDY
// streams) and the agent's stream socket: stdin, resize and stream closes one way, stdout and stderr
// the other, and the exit status on the error channel last, after which both ends close. Each way
// stops reading its source while its destination is behind, and a malformed frame from the node
// ends the session with an error instead of throwing.
import WebSocket from 'ws';
import {
  Channel,
  decodeFrame,
  encodeFrame,
  encodeFrames,
  messageBytes,
  StreamOutcome,
  terminalSizeDocument,
} from '@kubenest/node-protocol';
import { decodeFromClient, encodeForClient, ExecFraming, outcomeMessage } from './exec-protocols';
import { SendWindow } from './send-window';
import { MALFORMED_OUTCOME, parseOutcome } from './stream-outcome';

const TO_AGENT = new Set<number>([Channel.stdin, Channel.resize, Channel.close]);

/** The client end of an exec session, whatever carries it. */
export interface ExecClient {
  /** stdout or stderr bytes; false when the client is behind: the agent is not read until onDrain calls back. */
  output(channel: number, data: Buffer): boolean;
  /** Calls back once the client has caught up after output returned false. */
  onDrain(resume: () => void): void;
  /** The command's outcome; the client end then closes. */
  finish(outcome: StreamOutcome): void;
  /** The agent went away without an outcome. */
  close(): void;
}

/** Where the client's input goes: stdin, resize and close frames (@kubenest/node-protocol channels). */
export interface ExecInput {
  /** false when the agent is behind: stop reading the client until onDrain calls back. */
  send(channel: number, data: Buffer): boolean;
  onDrain(resume: () => void): void;
  /** The client went away: the agent kills the command. */
  close(): void;
}

type AgentMessage = { output: number; data: Buffer } | { outcome: StreamOutcome } | undefined;

const readAgentMessage = (message: Buffer): AgentMessage => {
  const { channel, data } = decodeFrame(message);
  if (channel === Channel.stdout || channel === Channel.stderr) return { output: channel, data };
  if (channel === Channel.error) return { outcome: parseOutcome(data) };
  return undefined;
};

/** Binds the agent's stream socket to a client end; returns the way to the agent for the client's input. */
export const relayAgent = (agent: WebSocket, client: ExecClient): ExecInput => {
  const toAgent = new SendWindow(agent);
  let finished = false;
  let paused = false;
  agent.on('message', (message: Buffer) => {
    if (finished) return;
    let read: AgentMessage;
    try {
      read = readAgentMessage(messageBytes(message));
    } catch {
      finished = true;
      client.finish(MALFORMED_OUTCOME);
      agent.terminate();
      return;
    }
    if (!read) return;
    if ('outcome' in read) {
      finished = true;
      client.finish(read.outcome);
    } else if (!client.output(read.output, read.data) && !paused) {
      paused = true;
      agent.pause();
      client.onDrain(() => {
        paused = false;
        agent.resume();
      });
    }
  });
  agent.on('error', () => undefined);
  agent.on('close', () => client.close());
  return {
    send: (channel, data) => {
      if (!TO_AGENT.has(channel)) return true;
      if (channel !== Channel.resize) {
        // Frames of MAX_FRAME_DATA, as the agent's maxPayload wants; whether the agent is behind is
        // known once the last is handed over.
        let caughtUp = true;
        for (const frame of encodeFrames(channel, data)) caughtUp = toAgent.send(frame);
        return caughtUp;
      }
      const size = terminalSizeDocument(data);
      return size ? toAgent.send(encodeFrame(channel, size)) : true;
    },
    onDrain: (resume) => toAgent.onDrain(resume),
    close: () => agent.close(1000),
  };
};

export const relayExec = (client: WebSocket, agent: WebSocket, framing: ExecFraming): void => {
  const toClient = new SendWindow(client);
  let paused = false;
  const input = relayAgent(agent, {
    output: (channel, data) => toClient.send(encodeForClient(framing, channel, data)),
    onDrain: (resume) => toClient.onDrain(resume),
    finish: (outcome) => {
      toClient.send(encodeForClient(framing, Channel.error, outcomeMessage(framing, outcome)));
      client.close(1000);
    },
    close: () => client.close(1000),
  });
  client.on('message', (message: Buffer) => {
    const { channel, data } = decodeFromClient(framing, messageBytes(message));
    if (channel === Channel.close && !framing.streamClose) return;
    if (!input.send(channel, data) && !paused) {
      paused = true;
      client.pause();
      input.onDrain(() => {
        paused = false;
        client.resume();
      });
    }
  });
  client.on('error', () => undefined);
  client.on('close', () => input.close());
};
