import WebSocket from 'ws';
import { StatusError } from '@kubenest/apimachinery';
import { Channel } from '@kubenest/node-protocol';
import { SpdySession } from './spdy';
import { FakeSpdyClient } from './spdy/testing/fake-spdy-client';
import { negotiatePortForwardProtocol, parsePort, serveSpdyPortForward } from './spdy-port-forward';
import { FakeAgentSocket as FakeAgent } from './testing/fake-socket';
import { until } from '@kubenest/testing/wait';

describe('port-forward over SPDY', () => {
  it.each([
    { offered: ['portforward.k8s.io'], want: 'portforward.k8s.io' },
    { offered: 'v2.portforward.k8s.io, portforward.k8s.io', want: 'portforward.k8s.io' },
    { offered: undefined, want: undefined },
    { offered: [], want: undefined },
  ])('answers $offered with $want', ({ offered, want }) => {
    expect(negotiatePortForwardProtocol(offered)).toBe(want);
  });

  it('refuses a client that offers only other protocols with 403, as kubelet does', () => {
    expect(() => negotiatePortForwardProtocol(['v4.channel.k8s.io'])).toThrow(
      expect.objectContaining({ code: 403, message: expect.stringMatching(/unable to negotiate protocol/) }),
    );
    expect(() => negotiatePortForwardProtocol(['v4.channel.k8s.io'])).toThrow(StatusError);
  });

  it.each([
    { raw: '80', want: 80 },
    { raw: '1', want: 1 },
    { raw: '65535', want: 65535 },
    { raw: '0', want: undefined },
    { raw: '65536', want: undefined },
    { raw: '-1', want: undefined },
    { raw: '8O', want: undefined },
    { raw: '1e3', want: undefined },
    { raw: '', want: undefined },
    { raw: undefined, want: undefined },
  ])('reads port $raw as $want', ({ raw, want }) => {
    expect(parsePort(raw)).toBe(want);
  });

  describe('a session', () => {
    let client: FakeSpdyClient;
    let agents: FakeAgent[];
    let asked: number[];

    const serve = (openAgent?: (port: number) => Promise<WebSocket>, timeoutMs?: number) => {
      client = new FakeSpdyClient();
      agents = [];
      asked = [];
      serveSpdyPortForward(
        new SpdySession(client.serverSocket),
        'pod-uid',
        (port) => {
          asked.push(port);
          if (openAgent) return openAgent(port);
          const agent = new FakeAgent();
          agents.push(agent);
          return Promise.resolve(agent as unknown as WebSocket);
        },
        timeoutMs,
      );
    };

    /** Opens a forwarded connection's error and data streams at ids `first` and first + 2. */
    const connect = (first: number, port: string, requestId: string) => {
      client.openStream(first, { streamtype: ['error'], port: [port], requestid: [requestId] });
      client.openStream(first + 2, { streamtype: ['data'], port: [port], requestid: [requestId] });
    };

    afterEach(() => client.close());

    it('relays a connection both ways and ends both streams when the pod side ends', async () => {
      serve();
      connect(1, '8080', '0');
      client.data(3, 'GET / HTTP/1.0\r\n\r\n');
      await until(() => agents.length === 1 && agents[0].received.length === 1, 'the request at the agent');
      expect(asked).toEqual([8080]);
      expect(agents[0].received).toEqual([{ channel: Channel.stdin, data: 'GET / HTTP/1.0\r\n\r\n' }]);
      agents[0].say(Channel.stdout, 'HTTP/1.0 200 OK\r\n\r\nhi');
      agents[0].finish({ exitCode: 0 });
      await client.waitFor((f) => f.type === 'data' && f.streamId === 1 && f.fin, 'the error stream ended');
      expect(client.streamData(3)).toEqual({ text: 'HTTP/1.0 200 OK\r\n\r\nhi', fin: true });
      expect(client.streamData(1)).toEqual({ text: '', fin: true });
    });

    it("passes the client's half-close on as stdin's close", async () => {
      serve();
      connect(1, '80', '0');
      client.data(3, 'bye', true);
      await until(() => agents[0]?.received.length === 2, 'data and close at the agent');
      expect(agents[0].received[1]).toEqual({ channel: Channel.close, data: String.fromCharCode(Channel.stdin) });
    });

    it('holds what the client sends until the agent has opened', async () => {
      let open!: (ws: WebSocket) => void;
      const agent = new FakeAgent();
      serve(() => new Promise((resolve) => (open = resolve)));
      connect(1, '80', '0');
      client.data(3, 'early');
      await until(() => asked.length === 1, 'the agent asked');
      await new Promise((r) => setTimeout(r, 20));
      open(agent as unknown as WebSocket);
      await until(() => agent.received.length === 1, 'the held bytes at the agent');
      expect(agent.received).toEqual([{ channel: Channel.stdin, data: 'early' }]);
    });

    it('keeps connections apart', async () => {
      serve();
      connect(1, '80', '0');
      connect(5, '81', '1');
      await until(() => agents.length === 2, 'two agents');
      agents[0].say(Channel.stdout, 'zero');
      agents[1].say(Channel.stdout, 'one');
      await client.waitFor((f) => f.type === 'data' && f.streamId === 7, 'data on the second connection');
      expect(asked).toEqual([80, 81]);
      expect(client.streamData(3).text).toBe('zero');
      expect(client.streamData(7).text).toBe('one');
    });

    it("writes the agent's failure on the error stream in kubelet's words", async () => {
      serve();
      connect(1, '80', '0');
      await until(() => agents.length === 1, 'the agent');
      agents[0].finish({ error: { code: 500, reason: 'InternalError', message: 'connect ECONNREFUSED 127.0.0.1:80' } });
      await client.waitFor((f) => f.type === 'data' && f.streamId === 1 && f.fin, 'the error stream ended');
      expect(client.streamData(1).text).toBe(
        'error forwarding port 80 to pod pod-uid, uid : connect ECONNREFUSED 127.0.0.1:80',
      );
      expect(client.streamData(3).fin).toBe(true);
    });

    it('writes a failure to reach the node on the error stream', async () => {
      serve(() => Promise.reject(new Error('node "n" has no tunnel')));
      connect(1, '80', '0');
      await client.waitFor((f) => f.type === 'data' && f.streamId === 1 && f.fin, 'the error stream ended');
      expect(client.streamData(1).text).toBe('error forwarding port 80 to pod pod-uid, uid : node "n" has no tunnel');
    });

    it.each([{ port: '0' }, { port: '70000' }, { port: 'http' }])(
      'refuses port $port without asking the node',
      async ({ port }) => {
        serve();
        connect(1, port, '0');
        await client.waitFor((f) => f.type === 'data' && f.streamId === 1 && f.fin, 'the error stream ended');
        expect(client.streamData(1).text).toContain(`error forwarding port ${port} to pod pod-uid, uid : invalid port`);
        expect(asked).toEqual([]);
      },
    );

    it('closes the agent stream when the client resets its data stream', async () => {
      serve();
      connect(1, '80', '0');
      await until(() => agents.length === 1, 'the agent');
      client.send({ type: 'rstStream', streamId: 3, status: 5 });
      await until(() => agents[0].readyState === WebSocket.CLOSED, 'the agent closed');
    });

    it('closes the agent streams when the connection goes', async () => {
      serve();
      connect(1, '80', '0');
      await until(() => agents.length === 1, 'the agent');
      client.end();
      await until(() => agents[0].readyState === WebSocket.CLOSED, 'the agent closed');
    });

    it('says on the error stream when the data stream never comes', async () => {
      serve(undefined, 50);
      client.openStream(1, { streamtype: ['error'], port: ['80'], requestid: ['4'] });
      await client.waitFor((f) => f.type === 'data' && f.streamId === 1 && f.fin, 'the error stream ended');
      expect(client.streamData(1).text).toBe('(request 4) timed out waiting for streams');
      expect(asked).toEqual([]);
    });
  });
});
