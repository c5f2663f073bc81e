// Port-forward for WebSocket clients (the Python client, @kubernetes/client-node), as kubelet
// serves it: the ports come in the query; port i gets data channel 2i and error channel 2i+1, each
// opened with the port as two little-endian bytes. One connection per port is relayed through the
// agent, a failure is written on the port's error channel, and the WebSocket closes once every
// port's connection has ended.
import WebSocket from 'ws';
import { StatusError } from '@kubenest/apimachinery';
import { Channel, messageBytes, StreamOutcome } from '@kubenest/node-protocol';
import { QueryParams, allValues } from '@kubenest/apimachinery/query';
import { chooseFraming, decodeFromClient, encodeForClient, ExecFraming } from './exec-protocols';
import { PendingAgentInput, sharedPause } from './pending-agent-input';
import { relayAgent } from './pod-exec';
import { portForwardFailure } from './port-forward-failure';
import { SendWindow } from './send-window';

/** kubelet's port-forward connection speaks these, and binary channels when none is offered. */
export const PORT_FORWARD_WEBSOCKET_PROTOCOLS = ['v4.channel.k8s.io', 'v4.base64.channel.k8s.io'];

/** The framing of a WebSocket port-forward, undefined when the client offers only others. */
export const portForwardFraming = (offered: string[]): ExecFraming | undefined =>
  chooseFraming(
    offered.length === 0 ? ['v4.channel.k8s.io'] : offered.filter((p) => PORT_FORWARD_WEBSOCKET_PROTOCOLS.includes(p)),
  );

/** The `ports` query parameter (repeated or comma-separated), refused in kubelet's words. */
export const portsOf = (query: QueryParams): number[] => {
  const values = allValues(query, 'ports');
  if (values.length === 0) throw StatusError.badRequest('query parameter "ports" is required');
  return values.flatMap((value) => {
    if (value === '') throw StatusError.badRequest('query parameter "ports" cannot be empty');
    return value.split(',').map((raw) => {
      const port = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
      if (!(port <= 65535)) {
        throw StatusError.badRequest(`unable to parse "${value}" as a port: a port is a whole number from 1 to 65535`);
      }
      if (port < 1) throw StatusError.badRequest(`port "${value}" must be > 0`);
      return port;
    });
  });
};

const portBytes = (port: number): Buffer => {
  const bytes = Buffer.alloc(2);
  bytes.writeUInt16LE(port);
  return bytes;
};

/** Serves port-forward on an accepted WebSocket until every port's connection has ended or the client goes. */
export const serveWebSocketPortForward = (
  client: WebSocket,
  framing: ExecFraming,
  ports: number[],
  podUid: string,
  openAgent: (port: number) => Promise<WebSocket>,
): void => {
  const toClient = new SendWindow(client);
  const send = (channel: number, data: Buffer) => toClient.send(encodeForClient(framing, channel, data));
  let clientGone = false;
  let open = ports.length;

  const forward = async (index: number, port: number, input: PendingAgentInput): Promise<void> => {
    let ended = false;
    const end = (failure?: string) => {
      if (ended) return;
      ended = true;
      if (failure) send(index * 2 + 1, portForwardFailure(port, podUid, failure));
      if (--open === 0) client.close(1000);
    };
    let agent: WebSocket;
    try {
      agent = await openAgent(port);
    } catch (e) {
      return end((e as Error)?.message ?? String(e));
    }
    if (clientGone) return void agent.close(1000);
    input.open(
      relayAgent(agent, {
        output: (channel, data) => (channel === Channel.stdout ? send(index * 2, data) : true),
        onDrain: (resume) => toClient.onDrain(resume),
        finish: (outcome: StreamOutcome) => end('error' in outcome ? outcome.error.message : undefined),
        close: () => end(),
      }),
    );
  };

  // Past a relay's buffer before a pod's port answered, the client is cut off.
  const source = sharedPause(client);
  const inputs = ports.map(() => new PendingAgentInput(source, () => client.terminate()));
  ports.forEach((port, index) => {
    send(index * 2, portBytes(port));
    send(index * 2 + 1, portBytes(port));
    void forward(index, port, inputs[index]);
  });
  client.on('message', (message: Buffer) => {
    const { channel, data } = decodeFromClient(framing, messageBytes(message));
    // Only data channels carry the client's bytes; what it writes on error channels goes nowhere.
    if (channel >= 0 && channel % 2 === 0 && channel / 2 < ports.length) inputs[channel / 2].send(Channel.stdin, data);
  });
  client.on('error', () => undefined);
  client.on('close', () => {
    clientGone = true;
    inputs.forEach((input) => input.close());
  });
};
