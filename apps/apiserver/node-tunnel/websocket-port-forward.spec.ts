import WebSocket from 'ws';
import { StatusError } from '@kubenest/apimachinery';
import { Channel } from '@kubenest/node-protocol';
import { FakeAgentSocket as FakeAgent, FakeSocket } from './testing/fake-socket';
import { portForwardFraming, portsOf, serveWebSocketPortForward } from './websocket-port-forward';
import { until } from '@kubenest/testing/wait';

const le16 = (port: number) => String.fromCharCode(port & 0xff, port >> 8);

describe('port-forward over a WebSocket', () => {
  it.each([
    { offered: [], want: 'v4.channel.k8s.io' },
    { offered: ['v4.channel.k8s.io'], want: 'v4.channel.k8s.io' },
    { offered: ['v5.channel.k8s.io', 'v4.channel.k8s.io'], want: 'v4.channel.k8s.io' },
    { offered: ['v4.base64.channel.k8s.io'], want: 'v4.base64.channel.k8s.io' },
    { offered: ['SPDY/3.1+portforward.k8s.io'], want: undefined },
    { offered: ['v5.channel.k8s.io'], want: undefined },
  ])('frames $offered as $want', ({ offered, want }) => {
    expect(portForwardFraming(offered)?.protocol).toBe(want);
  });

  it.each([
    { query: { ports: '8080' }, want: [8080] },
    { query: { ports: ['80', '81,82'] }, want: [80, 81, 82] },
  ])('reads ports from $query', ({ query, want }) => {
    expect(portsOf(query)).toEqual(want);
  });

  it.each([
    { query: {}, message: 'query parameter "ports" is required' },
    { query: { ports: '' }, message: 'query parameter "ports" cannot be empty' },
    { query: { ports: '0' }, message: 'port "0" must be > 0' },
    { query: { ports: '80,x' }, message: 'unable to parse "80,x" as a port' },
    { query: { ports: '65536' }, message: 'unable to parse "65536" as a port' },
  ])('refuses $query with a 400', ({ query, message }) => {
    expect(() => portsOf(query)).toThrow(StatusError);
    expect(() => portsOf(query)).toThrow(
      expect.objectContaining({ code: 400, message: expect.stringContaining(message) }),
    );
  });

  describe('a connection', () => {
    let client: FakeSocket;
    let agents: Map<number, FakeAgent>;
    const frames = () => client.sent.map((m) => ({ channel: m[0], data: m.subarray(1).toString('latin1') }));

    const serve = (ports: number[], openAgent?: (port: number) => Promise<WebSocket>) => {
      client = new FakeSocket();
      agents = new Map();
      serveWebSocketPortForward(
        client as unknown as WebSocket,
        portForwardFraming([])!,
        ports,
        'pod-uid',
        openAgent ??
          ((port) => {
            const agent = new FakeAgent();
            agents.set(port, agent);
            return Promise.resolve(agent as unknown as WebSocket);
          }),
      );
    };

    it('opens each channel with its port, then relays both ways', async () => {
      serve([8080, 9090]);
      expect(frames()).toEqual([
        { channel: 0, data: le16(8080) },
        { channel: 1, data: le16(8080) },
        { channel: 2, data: le16(9090) },
        { channel: 3, data: le16(9090) },
      ]);
      await until(() => agents.size === 2, 'both agents asked');
      client.receive(Buffer.from('\x02ping'));
      await until(() => agents.get(9090)!.received.length === 1, 'the bytes at the second port');
      expect(agents.get(9090)!.received).toEqual([{ channel: Channel.stdin, data: 'ping' }]);
      expect(agents.get(8080)!.received).toEqual([]);
      agents.get(8080)!.say(Channel.stdout, 'pong');
      expect(frames()[4]).toEqual({ channel: 0, data: 'pong' });
    });

    it('ignores what the client writes on error channels or past the last port', async () => {
      serve([80]);
      await until(() => agents.size === 1, 'the agent asked');
      client.receive(Buffer.from('\x01oops'));
      client.receive(Buffer.from('\x04far'));
      client.receive(Buffer.alloc(0));
      expect(agents.get(80)!.received).toEqual([]);
    });

    it('holds what the client sends until the agent has opened', async () => {
      let open!: (ws: WebSocket) => void;
      const agent = new FakeAgent();
      serve([80], () => new Promise((resolve) => (open = resolve)));
      client.receive(Buffer.from('\x00early'));
      open(agent as unknown as WebSocket);
      await until(() => agent.received.length === 1, 'the held bytes at the agent');
      expect(agent.received).toEqual([{ channel: Channel.stdin, data: 'early' }]);
    });

    it("writes a failure on the port's error channel in kubelet's words, and closes once every port has ended", async () => {
      serve([80, 81]);
      await until(() => agents.size === 2, 'both agents asked');
      agents.get(80)!.finish({ error: { code: 500, reason: 'InternalError', message: 'connect ECONNREFUSED' } });
      expect(frames()[4]).toEqual({
        channel: 1,
        data: 'error forwarding port 80 to pod pod-uid, uid : connect ECONNREFUSED',
      });
      expect(client.readyState).toBe(WebSocket.OPEN);
      agents.get(81)!.finish({ exitCode: 0 });
      expect(client.readyState).toBe(WebSocket.CLOSED);
    });

    it('writes a failure to reach the node on the error channel', async () => {
      serve([80], () => Promise.reject(new Error('node n has no tunnel')));
      await until(() => client.readyState === WebSocket.CLOSED, 'the client closed');
      expect(frames()[2]).toEqual({
        channel: 1,
        data: 'error forwarding port 80 to pod pod-uid, uid : node n has no tunnel',
      });
    });

    it('closes the agents when the client goes, also one that opens later', async () => {
      let open!: (ws: WebSocket) => void;
      const late = new FakeAgent();
      const early = new FakeAgent();
      serve([80, 81], (port) =>
        port === 80 ? Promise.resolve(early as unknown as WebSocket) : new Promise((resolve) => (open = resolve)),
      );
      await until(() => open !== undefined, 'both agents asked');
      await new Promise((r) => setImmediate(r));
      client.close();
      expect(early.readyState).toBe(WebSocket.CLOSED);
      open(late as unknown as WebSocket);
      await until(() => late.readyState === WebSocket.CLOSED, 'the late agent closed');
    });
  });
});
