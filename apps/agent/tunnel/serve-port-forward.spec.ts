import { Duplex } from 'node:stream';
import WebSocket from 'ws';
import { Channel, StreamRequest } from '@kubenest/node-protocol';
import { PortDialer, servePortForward } from './serve-port-forward';
import { FakeWs } from './testing/fake-ws';
import { until } from '@kubenest/testing/wait';

/** The pod's end of a connection: what the agent writes to it, and a way to answer. */
class FakePod {
  received = '';
  ended = false;
  readonly conn: Duplex;

  constructor() {
    this.conn = new Duplex({
      read() {},
      write: (chunk: Buffer, _encoding, done) => {
        this.received += chunk.toString('utf8');
        done();
      },
      final: (done) => {
        this.ended = true;
        done();
      },
    });
  }

  answer(data: string): void {
    this.conn.push(data);
  }

  close(): void {
    this.conn.push(null);
  }
}

const request = (port: number): Extract<StreamRequest, { op: 'portforward' }> => ({
  id: 's1',
  op: 'portforward',
  pod: { namespace: 'ns', name: 'p', uid: 'u' },
  port,
});

describe('servePortForward', () => {
  let ws: FakeWs;
  let pod: FakePod;
  let dialed: number[];

  const serve = (port: number, dial?: PortDialer) => {
    ws = new FakeWs();
    pod = new FakePod();
    dialed = [];
    return servePortForward(
      ws as unknown as WebSocket,
      request(port),
      dial ??
        (async (p) => {
          dialed.push(p);
          return pod.conn;
        }),
    );
  };

  it('relays the connection both ways and ends with a zero outcome once the pod side ends', async () => {
    await serve(8080);
    expect(dialed).toEqual([8080]);
    ws.say(Channel.stdin, 'ping');
    await until(() => pod.received === 'ping', 'the bytes at the pod');
    pod.answer('pong');
    pod.close();
    await until(() => ws.readyState === WebSocket.CLOSED, 'the stream closed');
    expect(ws.sent).toEqual([
      { channel: Channel.stdout, data: 'pong' },
      { channel: Channel.error, data: JSON.stringify({ exitCode: 0 }) },
    ]);
  });

  it("ends the pod's side on the client's close of stdin", async () => {
    await serve(80);
    ws.say(Channel.close, Buffer.from([Channel.stdin]));
    await until(() => pod.ended, "the pod's side ended");
  });

  it('reports a port it cannot dial, and closes', async () => {
    await serve(81, () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:81')));
    expect(ws.sent).toEqual([
      {
        channel: Channel.error,
        data: JSON.stringify({
          error: { code: 500, reason: 'InternalError', message: 'connect ECONNREFUSED 127.0.0.1:81' },
        }),
      },
    ]);
    expect(ws.readyState).toBe(WebSocket.CLOSED);
  });

  it.each([{ port: 0 }, { port: 65536 }, { port: 1.5 }])('refuses port $port without dialing', async ({ port }) => {
    await serve(port);
    expect(dialed).toEqual([]);
    expect(JSON.parse(ws.sent[0].data)).toMatchObject({ error: { code: 400, message: `invalid port ${port}` } });
  });

  it('drops frames that make no sense', async () => {
    await serve(80);
    ws.emit('message', Buffer.alloc(0));
    ws.say(Channel.resize, '{"Width":1}');
    ws.say(Channel.stdin, 'ok');
    await until(() => pod.received === 'ok', 'the bytes at the pod');
  });

  it('drops the connection to the pod when the stream socket closes', async () => {
    await serve(80);
    ws.close();
    expect(pod.conn.destroyed).toBe(true);
  });
});
