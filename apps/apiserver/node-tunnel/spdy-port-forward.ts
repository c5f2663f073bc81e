// Port-forward for SPDY/3.1 clients, as kubelet serves it: per forwarded connection the client opens
// an error and a data stream; once both are in, the agent is asked for a connection to the port and
// the data stream is relayed to it; a failure is written on the error stream as kubelet words it.
import WebSocket from 'ws';
import { StatusError } from '@kubenest/apimachinery';
import { Channel, StreamOutcome } from '@kubenest/node-protocol';
import { PausableSource, PendingAgentInput, sharedPause } from './pending-agent-input';
import { portForwardFailure } from './port-forward-failure';
import { relayAgent } from './pod-exec';
import { RELAY_HIGH_WATER } from './send-window';
import { PortForwardPair, StreamPairer } from './port-forward-pairs';
import { headerValue, SpdySession } from './spdy';
import { STREAM_CREATION_TIMEOUT_MS } from './spdy-exec';

export const PORT_FORWARD_PROTOCOL = 'portforward.k8s.io';

/**
 * The protocol to answer with, as kubelet's handshake negotiates it: undefined for a client that
 * offers none (older ones did not), a 403 Status for one that offers only others.
 */
export const negotiatePortForwardProtocol = (offered: string | string[] | undefined): string | undefined => {
  const names = [offered ?? []]
    .flat()
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  if (names.length === 0) return undefined;
  if (names.includes(PORT_FORWARD_PROTOCOL)) return PORT_FORWARD_PROTOCOL;
  throw new StatusError(
    403,
    'Forbidden',
    `unable to upgrade: unable to negotiate protocol: client supports [${names.join(' ')}], server accepts [${PORT_FORWARD_PROTOCOL}]`,
  );
};

/** The port of a data stream's header; undefined unless a whole number from 1 to 65535. */
export const parsePort = (raw: string | undefined): number | undefined => {
  if (!raw || !/^\d{1,5}$/.test(raw)) return undefined;
  const port = Number(raw);
  return port >= 1 && port <= 65535 ? port : undefined;
};

const reasonOf = (e: unknown): string => (e as Error)?.message ?? String(e);

/** Relays one forwarded connection between its stream pair and a stream socket of the agent. */
const forward = async (
  session: SpdySession,
  source: PausableSource,
  pair: PortForwardPair,
  podUid: string,
  openAgent: (port: number) => Promise<WebSocket>,
): Promise<void> => {
  const raw = headerValue(pair.data.headers, 'port') ?? headerValue(pair.error.headers, 'port') ?? '';
  const end = () => {
    pair.data.end();
    pair.error.end();
  };
  const fail = (reason: string) => {
    pair.error.write(portForwardFailure(raw, podUid, reason));
    end();
  };
  const port = parsePort(raw);
  if (port === undefined) return fail(`invalid port "${raw}": a port is a whole number from 1 to 65535`);

  let gone = false;
  // Past a relay's buffer before the pod's port answered, the client is cut off.
  const input = new PendingAgentInput(source, () => {
    gone = true;
    pair.data.reset();
    pair.error.reset();
  });
  const send = (channel: number, data: Buffer) => {
    if (!gone) input.send(channel, data);
  };
  const clientGone = () => {
    gone = true;
    input.close();
  };
  pair.data.on('data', (data) => send(Channel.stdin, data));
  pair.data.on('end', () => send(Channel.close, Buffer.from([Channel.stdin])));
  pair.data.on('reset', clientGone);
  pair.error.on('reset', clientGone);

  let agent: WebSocket;
  try {
    agent = await openAgent(port);
  } catch (e) {
    return fail(reasonOf(e));
  }
  if (gone) return void agent.close(1000);
  input.open(
    relayAgent(agent, {
      output: (channel, data) => {
        if (channel === Channel.stdout) pair.data.write(data);
        return !session.behind(RELAY_HIGH_WATER);
      },
      onDrain: (resume) => session.once('drain', resume),
      finish: (outcome: StreamOutcome) => ('error' in outcome ? fail(outcome.error.message) : end()),
      close: end,
    }),
  );
};

/**
 * Serves port-forward on an accepted SPDY session until the client closes it: each forwarded
 * connection's streams are paired, then relayed to a connection the agent opens to the pod's port.
 * Never rejects: what fails is written on that connection's error stream.
 */
export const serveSpdyPortForward = (
  session: SpdySession,
  podUid: string,
  openAgent: (port: number) => Promise<WebSocket>,
  streamCreationTimeoutMs = STREAM_CREATION_TIMEOUT_MS,
): void => {
  const source = sharedPause(session);
  const pairer = new StreamPairer(
    (pair) => void forward(session, source, pair, podUid, openAgent),
    streamCreationTimeoutMs,
  );
  session.on('stream', (stream) => pairer.add(stream));
  session.on('close', () => pairer.close());
};
