// Exec for SPDY/3.1 clients (kubectl 1.29 and older): the stream protocol negotiated as kubelet's
// httpstream handshake does, the client's streams awaited as kubelet awaits them, then each stream
// relayed to the agent's stream socket, and the outcome written on the error stream last.
import WebSocket from 'ws';
import { StatusError } from '@kubenest/apimachinery';
import { Channel, ExecOptions } from '@kubenest/node-protocol';
import { outcomeMessage } from './exec-protocols';
import { ExecClient, relayAgent } from './pod-exec';
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

/** Cuts the resize stream's JSON documents (one per line, as Go's json.Encoder writes them). */
const resizeDocuments = (send: (document: Buffer) => void) => {
  let pending = '';
  return (data: Buffer) => {
    const lines = (pending + data.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) send(Buffer.from(line, 'utf8'));
  };
};

/** Relays an exec session between the client's SPDY session and the agent's stream socket. */
export const serveSpdyExec = (
  session: SpdySession,
  protocol: SpdyExecProtocol,
  options: ExecOptions,
  agent: WebSocket,
  streamCreationTimeoutMs = STREAM_CREATION_TIMEOUT_MS,
): void => {
  const wanted = expectedStreams(options, protocol);
  const streams = new Map<string, SpdyStream>();
  // What the agent says before the client has opened every stream waits for them.
  let waiting: Array<() => void> | undefined = [];
  const whenReady = (act: () => void) => (waiting ? waiting.push(act) : act());
  const end = () => {
    for (const stream of streams.values()) stream.end();
    session.close();
  };

  const client: ExecClient = {
    output: (channel, data) =>
      whenReady(() => streams.get(channel === Channel.stdout ? 'stdout' : 'stderr')?.write(data)),
    finish: (outcome) =>
      whenReady(() => {
        const message = outcomeMessage(protocol, outcome);
        if (message.length > 0) streams.get('error')?.write(message);
        end();
      }),
    close: () => whenReady(end),
  };
  const input = relayAgent(agent, client);

  const timer = setTimeout(() => {
    if (!waiting) return;
    waiting = undefined;
    input.close();
    session.close();
  }, streamCreationTimeoutMs);
  session.on('close', () => {
    clearTimeout(timer);
    input.close();
  });

  session.on('stream', (stream) => {
    const type = headerValue(stream.headers, 'streamType') ?? '';
    // As kubelet: a stream of a type not asked for is left unused.
    if (!wanted.includes(type) || !waiting) return;
    streams.set(type, stream);
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
    if (wanted.every((t) => streams.has(t))) {
      clearTimeout(timer);
      const ready = waiting;
      waiting = undefined;
      ready.forEach((act) => act());
    }
  });
};
