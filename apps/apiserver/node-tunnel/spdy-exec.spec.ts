import WebSocket from 'ws';
import { StatusError } from '@kubenest/apimachinery';
import { Channel, encodeFrame, ExecOptions } from '@kubenest/node-protocol';
import { SpdySession } from './spdy';
import { FakeSpdyClient } from './spdy/testing/fake-spdy-client';
import { expectedStreams, negotiateSpdyProtocol, serveSpdyExec } from './spdy-exec';
import { FakeAgentSocket as FakeAgent } from './testing/fake-socket';
import { until } from '@kubenest/testing/wait';
import { execOptions } from '@kubenest/testing/exec-options';

describe('exec over SPDY', () => {
  describe('protocol negotiation', () => {
    it.each([
      {
        offered: ['v4.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io', 'channel.k8s.io'],
        want: 'v4.channel.k8s.io',
      },
      { offered: 'v4.channel.k8s.io, v3.channel.k8s.io', want: 'v4.channel.k8s.io' },
      { offered: ['v5.channel.k8s.io', 'v4.channel.k8s.io'], want: 'v5.channel.k8s.io' },
      { offered: ['v6.channel.k8s.io', 'v2.channel.k8s.io'], want: 'v2.channel.k8s.io' },
    ])('chooses $want from $offered', ({ offered, want }) => {
      expect(negotiateSpdyProtocol(offered).name).toBe(want);
    });

    it.each([
      { offered: undefined, code: 400, message: /X-Stream-Protocol-Version is required/ },
      { offered: ['v9.channel.k8s.io'], code: 403, message: /unable to negotiate protocol: client supports \[v9/ },
    ])('refuses $offered with $code', ({ offered, code, message }) => {
      expect(() => negotiateSpdyProtocol(offered)).toThrow(StatusError);
      expect(() => negotiateSpdyProtocol(offered)).toThrow(
        expect.objectContaining({ code, message: expect.stringMatching(message) }),
      );
    });
  });

  it.each([
    { name: 'output only', o: execOptions({}), protocol: 'v4.channel.k8s.io', want: ['error', 'stdout', 'stderr'] },
    {
      name: 'stdin piped',
      o: execOptions({ stdin: true }),
      protocol: 'v4.channel.k8s.io',
      want: ['error', 'stdin', 'stdout', 'stderr'],
    },
    {
      name: 'a tty',
      o: execOptions({ stdin: true, stderr: false, tty: true }),
      protocol: 'v4.channel.k8s.io',
      want: ['error', 'stdin', 'stdout', 'resize'],
    },
    {
      name: 'a tty on v2 (no resize)',
      o: execOptions({ stdin: true, stderr: false, tty: true }),
      protocol: 'v2.channel.k8s.io',
      want: ['error', 'stdin', 'stdout'],
    },
  ])('expects the streams kubelet expects: $name', ({ o, protocol, want }) => {
    expect(expectedStreams(o, negotiateSpdyProtocol(protocol))).toEqual(want);
  });

  describe('a session', () => {
    let client: FakeSpdyClient;
    let agent: FakeAgent;
    let agentOpened: boolean;
    let served: Promise<void>;

    const serve = (
      o: ExecOptions,
      protocol = 'v4.channel.k8s.io',
      timeoutMs?: number,
      openAgent = async () => agent as unknown as WebSocket,
    ) => {
      client = new FakeSpdyClient();
      agent = new FakeAgent();
      agentOpened = false;
      const session = new SpdySession(client.serverSocket);
      served = serveSpdyExec(
        session,
        negotiateSpdyProtocol(protocol),
        o,
        () => {
          agentOpened = true;
          return openAgent();
        },
        timeoutMs,
      );
    };

    const openStreams = (...types: string[]) =>
      types.forEach((t, i) => client.openStream(2 * i + 1, { streamtype: [t] }));

    const goneAway = () => client.waitFor((f) => f.type === 'goAway', 'GOAWAY');

    afterEach(() => client.close());

    it('starts the command only once the client has opened its streams, then ends them with the Status', async () => {
      serve(execOptions({}));
      openStreams('error', 'stdout');
      await client.waitFor((f) => f.type === 'synReply' && f.streamId === 3);
      expect(agentOpened).toBe(false);
      client.openStream(5, { streamtype: ['stderr'] });
      await until(() => agentOpened, 'the agent opened');
      await served;
      agent.say(Channel.stdout, 'out\n');
      agent.say(Channel.stderr, 'err\n');
      agent.finish({ exitCode: 0 });
      await goneAway();
      expect(client.streamData(3)).toEqual({ text: 'out\n', fin: true });
      expect(client.streamData(5)).toEqual({ text: 'err\n', fin: true });
      expect(JSON.parse(client.streamData(1).text)).toEqual({ metadata: {}, status: 'Success' });
      expect(client.streamData(1).fin).toBe(true);
    });

    it('reports a non-zero exit code as v4 reports it', async () => {
      serve(execOptions({}));
      openStreams('error', 'stdout', 'stderr');
      await served;
      agent.finish({ exitCode: 3 });
      await goneAway();
      expect(JSON.parse(client.streamData(1).text)).toMatchObject({
        status: 'Failure',
        reason: 'NonZeroExitCode',
        details: { causes: [{ reason: 'ExitCode', message: '3' }] },
      });
    });

    it.each([
      { outcome: { exitCode: 3 }, want: 'command terminated with non-zero exit code: exit status 3' },
      { outcome: { exitCode: 0 }, want: '' },
    ])('writes plain error text before v4: $want', async ({ outcome, want }) => {
      serve(execOptions({}), 'v3.channel.k8s.io');
      openStreams('error', 'stdout', 'stderr');
      await served;
      agent.finish(outcome);
      await goneAway();
      expect(client.streamData(1)).toEqual({ text: want, fin: true });
    });

    it("passes stdin to the agent and its end as the stream's close", async () => {
      serve(execOptions({ stdin: true }));
      openStreams('error', 'stdin', 'stdout', 'stderr');
      client.data(3, 'hello\n');
      client.data(3, 'world\n', true);
      await until(() => agent.received.length === 3, 'stdin and its close');
      expect(agent.received).toEqual([
        { channel: Channel.stdin, data: 'hello\n' },
        { channel: Channel.stdin, data: 'world\n' },
        { channel: Channel.close, data: String.fromCharCode(Channel.stdin) },
      ]);
    });

    it('passes each terminal size to the agent, however the stream cuts them', async () => {
      serve(execOptions({ stdin: true, stderr: false, tty: true }));
      openStreams('error', 'stdin', 'stdout', 'resize');
      client.data(7, '{"Width":80,"Height":24}\n{"Width":100,');
      client.data(7, '"Height":40}\n');
      await until(() => agent.received.length === 2, 'two resizes');
      expect(agent.received).toEqual([
        { channel: Channel.resize, data: '{"Width":80,"Height":24}' },
        { channel: Channel.resize, data: '{"Width":100,"Height":40}' },
      ]);
    });

    it('gives up when the client does not open its streams in time, as kubelet does', async () => {
      serve(execOptions({}), 'v4.channel.k8s.io', 50);
      openStreams('error', 'stdout');
      await goneAway();
      await served;
      expect(agentOpened).toBe(false);
    });

    it('stops the command when the client goes away', async () => {
      serve(execOptions({ stdin: true }));
      openStreams('error', 'stdin', 'stdout', 'stderr');
      await served;
      client.end();
      await until(() => agent.readyState === WebSocket.CLOSED, 'the agent closed');
    });

    it('writes the failure to open the agent stream on the error stream', async () => {
      serve(execOptions({}), 'v4.channel.k8s.io', undefined, () =>
        Promise.reject(new StatusError(503, 'ServiceUnavailable', 'node "n1" has no tunnel')),
      );
      openStreams('error', 'stdout', 'stderr');
      await goneAway();
      await served;
      expect(JSON.parse(client.streamData(1).text)).toMatchObject({
        status: 'Failure',
        code: 503,
        reason: 'ServiceUnavailable',
        message: 'node "n1" has no tunnel',
      });
    });

    it('closes the agent stream when the client went away while it opened', async () => {
      let open!: (ws: WebSocket) => void;
      serve(execOptions({}), 'v4.channel.k8s.io', undefined, () => new Promise((resolve) => (open = resolve)));
      openStreams('error', 'stdout', 'stderr');
      await until(() => agentOpened, 'the agent asked for');
      client.end();
      open(agent as unknown as WebSocket);
      await served;
      await until(() => agent.readyState === WebSocket.CLOSED, 'the agent closed');
    });

    it.each([
      { name: 'not JSON', line: '{"Width":80' },
      { name: 'null', line: 'null' },
      { name: 'a negative width', line: '{"Width":-1,"Height":24}' },
      { name: 'a fraction', line: '{"Width":80.5,"Height":24}' },
      { name: 'a string', line: '{"Width":"80; reboot","Height":24}' },
      { name: 'too large', line: '{"Width":65536,"Height":24}' },
      { name: 'no height', line: '{"Width":80}' },
    ])('drops a resize document that is $name', async ({ line }) => {
      serve(execOptions({ stdin: true, stderr: false, tty: true }));
      openStreams('error', 'stdin', 'stdout', 'resize');
      await served;
      client.data(7, `${line}\n{"Width":100,"Height":40,"Extra":1}\n`);
      await until(() => agent.received.length === 1, 'the valid resize');
      expect(agent.received).toEqual([{ channel: Channel.resize, data: '{"Width":100,"Height":40}' }]);
    });

    it.each([
      { name: 'an empty frame', bytes: Buffer.alloc(0) },
      { name: 'bad JSON on the error channel', bytes: encodeFrame(Channel.error, '{"exitCode":') },
      { name: 'an outcome of the wrong shape', bytes: encodeFrame(Channel.error, '{"error":null}') },
    ])('ends the session with an error when the node sends $name', async ({ bytes }) => {
      serve(execOptions({}));
      openStreams('error', 'stdout', 'stderr');
      await served;
      agent.receive(bytes);
      await goneAway();
      expect(JSON.parse(client.streamData(1).text)).toMatchObject({ status: 'Failure', code: 500 });
      expect(agent.terminated).toBe(true);
    });
  });
});
