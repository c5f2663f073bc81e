// Exec for SPDY/3.1 clients (kubectl 1.29 and older), in kubelet's order: the stream protocol
// negotiated as its httpstream handshake does, the upgrade accepted, the client's streams awaited,
// and only then the command started through the agent's stream socket, each stream relayed to it
// and the outcome written on the error stream last.
import WebSocket from 'ws';
import { StatusError } from '@kubenest/apimachinery';
import { Channel, ExecOptions, StreamOutcome } from '@kubenest/node-protocol';
import { outcomeMessage } from './exec-protocols';
import { PendingAgentInput } from './pending-agent-input';
import { relayAgent } from './pod-exec';
import { RELAY_HIGH_WATER } from './send-window';
import { headerValue, SpdySession, SpdyStream } from './spdy';

export interface SpdyExecProtocol {
  name: string;
  /** v4: the error stream carries a v1 Status; before it, the error text only (nothing on success). */
  statusJson: boolean;
  /** v3 and later: a tty session has a resize stream. */
  resize: boolean;
}

// Newest first. Over SPDY v5 is v4, as kubelet serves it: its stream close is a WebSocket feature.
const PROTOCOLS: SpdyExecProtocol[] = [
  { name: 'v5.channel.k8s.io', statusJson: true, resize: true },
  { name: 'v4.channel.k8s.io', statusJson: true, resize: true },
  { name: 'v3.channel.k8s.io', statusJson: false, resize: true },
  { name: 'v2.channel.k8s.io', statusJson: false, resize: false },
  { name: 'channel.k8s.io', statusJson: false, resize: false },
];

export const PROTOCOL_VERSION_HEADER = 'X-Stream-Protocol-Version';

/** Kubelet's wait for the client to open its streams (its default stream creation timeout). */
export const STREAM_CREATION_TIMEOUT_MS = 30_000;

/** The client's first offered protocol that is served; the header may repeat and hold comma lists. */
export const negotiateSpdyProtocol = (offered: string | string[] | undefined): SpdyExecProtocol => {
  const names = [offered ?? []]
    .flat()
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  if (names.length === 0) throw StatusError.badRequest(`unable to upgrade: ${PROTOCOL_VERSION_HEADER} is required`);
  for (const name of names) {
    const protocol = PROTOCOLS.find((p) => p.name === name);
    if (protocol) return protocol;
  }
  throw new StatusError(
    403,
    'Forbidden',
    `unable to upgrade: unable to negotiate protocol: client supports [${names.join(' ')}], server accepts [${PROTOCOLS.map((p) => p.name).join(' ')}]`,
  );
};

/** The stream types the client opens for these options, as kubelet counts them: the error stream always. */
export const expectedStreams = (options: ExecOptions, protocol: SpdyExecProtocol): string[] => [
  'error',
  ...(options.stdin ? ['stdin'] : []),
  ...(options.stdout ? ['stdout'] : []),
  ...(options.stderr ? ['stderr'] : []),
  ...(options.tty && protocol.resize ? ['resize'] : []),
];

/** A resize document is a few dozen bytes: a line longer than this is dropped unread. */
const MAX_RESIZE_LINE = 1024;

/** Cuts the resize stream's JSON documents (one per line, as Go's json.Encoder writes them). */
const resizeDocuments = (send: (document: Buffer) => void) => {
  let pending = '';
  return (data: Buffer) => {
    const lines = (pending + data.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    if (pending.length > MAX_RESIZE_LINE) pending = '';
    for (const line of lines) if (line.trim() && line.length <= MAX_RESIZE_LINE) send(Buffer.from(line, 'utf8'));
  };
};

const failure = (e: unknown): StreamOutcome =>
  e instanceof StatusError
    ? { error: { code: e.code, reason: e.reason, message: e.message } }
    : { error: { code: 500, reason: 'InternalError', message: (e as Error)?.message ?? String(e) } };

/** The client's streams of the wanted types once it has opened them all; undefined when it does not in time or goes. */
const clientStreams = (
  session: SpdySession,
  wanted: string[],
  timeoutMs: number,
  onStream: (type: string, stream: SpdyStream) => void,
): Promise<Map<string, SpdyStream> | undefined> =>
  new Promise((resolve) => {
    const streams = new Map<string, SpdyStream>();
    const done = (result: Map<string, SpdyStream> | undefined) => {
      clearTimeout(timer);
      session.off('stream', take);
      session.off('close', gone);
      resolve(result);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    const gone = () => done(undefined);
    const take = (stream: SpdyStream) => {
      const type = headerValue(stream.headers, 'streamType') ?? '';
      // As kubelet: a stream of a type not asked for, or asked for twice, is left unused.
      if (!wanted.includes(type) || streams.has(type)) return;
      streams.set(type, stream);
      onStream(type, stream);
      if (wanted.every((t) => streams.has(t))) done(streams);
    };
    session.on('stream', take);
    session.on('close', gone);
  });

/**
 * Serves an exec session on an accepted SPDY session: waits for the client's streams, then opens
 * the agent's stream socket (which starts the command) and relays between them. Never rejects:
 * whatever fails after the upgrade is written on the error stream.
 */
export const serveSpdyExec = async (
  session: SpdySession,
  protocol: SpdyExecProtocol,
  options: ExecOptions,
  openAgent: () => Promise<WebSocket>,
  streamCreationTimeoutMs = STREAM_CREATION_TIMEOUT_MS,
): Promise<void> => {
  let sessionClosed = false;
  session.on('close', () => (sessionClosed = true));
  // Input past the limit before the command starts ends the session, and the command never starts.
  const input = new PendingAgentInput(session, () => {
    sessionClosed = true;
    session.close();
  });
  const streams = await clientStreams(
    session,
    expectedStreams(options, protocol),
    streamCreationTimeoutMs,
    (type, stream) => {
      if (type === 'stdin') {
        let closed = false;
        const closeStdin = () => {
          if (closed) return;
          closed = true;
          input.send(Channel.close, Buffer.from([Channel.stdin]));
        };
        stream.on('data', (data) => input.send(Channel.stdin, data));
        stream.on('end', closeStdin);
        stream.on('reset', closeStdin);
      } else if (type === 'resize') {
        stream.on(
          'data',
          resizeDocuments((document) => input.send(Channel.resize, document)),
        );
      }
    },
  );
  if (!streams) return session.close();

  const end = () => {
    for (const stream of streams.values()) stream.end();
    session.close();
  };
  const fail = (outcome: StreamOutcome) => {
    const message = outcomeMessage(protocol, outcome);
    if (message.length > 0) streams.get('error')?.write(message);
    end();
  };

  // The client's input read meanwhile is bounded by what the socket had already delivered.
  session.pause();
  let agent: WebSocket;
  try {
    agent = await openAgent();
  } catch (e) {
    session.resume();
    return fail(failure(e));
  }
  session.resume();
  if (sessionClosed) return void agent.close(1000);

  input.open(
    relayAgent(agent, {
      output: (channel, data) => {
        streams.get(channel === Channel.stdout ? 'stdout' : 'stderr')?.write(data);
        return !session.behind(RELAY_HIGH_WATER);
      },
      onDrain: (resume) => session.once('drain', resume),
      finish: fail,
      close: end,
    }),
  );
  session.on('close', () => agent.close(1000));
};
