import WebSocket from 'ws';
import { StatusError } from '@kubenest/apimachinery';
import { FakeSocket } from './testing/fake-socket';
import { StreamAsk, TAKEOVER_PROBE_MS, TunnelRegistry } from './tunnel-registry';

/** An agent's control socket as the registry sees it: it answers pings unless told not to. */
class ControlSocket extends FakeSocket {
  answersPings = true;
  pings = 0;

  ping(): void {
    this.pings++;
    if (this.answersPings) void Promise.resolve().then(() => this.emit('pong'));
  }
}

const asWs = (s: ControlSocket) => s as unknown as WebSocket;
const logs: StreamAsk = {
  op: 'logs',
  pod: { namespace: 'default', name: 'p', uid: 'u' },
  container: 'c',
  options: { follow: false, timestamps: false, previous: false },
};

describe('TunnelRegistry', () => {
  let registry: TunnelRegistry;

  beforeEach(() => {
    jest.useFakeTimers();
    registry = new TunnelRegistry();
    jest.spyOn(registry['logger'], 'log').mockImplementation(() => undefined);
    jest.spyOn(registry['logger'], 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => {
    registry.onModuleDestroy();
    jest.useRealTimers();
  });

  const open = (socket: ControlSocket) => registry.open('n1', async () => asWs(socket));
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: unknown) => (StatusError.is(e) ? e : undefined),
    );
  /** Which socket a stream request goes out on. */
  const streamsGoTo = (socket: ControlSocket): boolean => {
    const before = socket.sent.length;
    void registry.openStream('n1', logs).catch(() => undefined);
    return socket.sent.length === before + 1;
  };

  it('opens the first tunnel of a node', async () => {
    const first = new ControlSocket();
    await open(first);
    expect(registry.has('n1')).toBe(true);
    expect(streamsGoTo(first)).toBe(true);
    expect(first.pings).toBe(0);
  });

  it('refuses a second tunnel with 409 while the first answers, and keeps the first', async () => {
    const first = new ControlSocket();
    const second = new ControlSocket();
    await open(first);
    const accept = jest.fn(async () => asWs(second));
    const error = await refusal(registry.open('n1', accept));
    expect(error?.code).toBe(409);
    expect(error?.message).toBe(
      'node "n1" already has a tunnel to the control plane: its open tunnel answers; a second one may not replace it',
    );
    expect(accept).not.toHaveBeenCalled();
    expect(first.readyState).toBe(WebSocket.OPEN);
    expect(streamsGoTo(first)).toBe(true);
    expect(streamsGoTo(second)).toBe(false);
  });

  it('replaces a tunnel that does not answer a ping in time, and only then', async () => {
    const first = new ControlSocket();
    const second = new ControlSocket();
    await open(first);
    first.answersPings = false;
    let opened = false;
    const opening = open(second).then(() => (opened = true));
    await jest.advanceTimersByTimeAsync(TAKEOVER_PROBE_MS - 100);
    expect(opened).toBe(false);
    await jest.advanceTimersByTimeAsync(200);
    await opening;
    expect(first.terminated).toBe(true);
    expect(streamsGoTo(second)).toBe(true);
    expect(registry.has('n1')).toBe(true);
  });

  it('opens at once after the first tunnel closed', async () => {
    const first = new ControlSocket();
    const second = new ControlSocket();
    await open(first);
    first.close();
    expect(registry.has('n1')).toBe(false);
    await open(second);
    expect(second.pings).toBe(0);
    expect(streamsGoTo(second)).toBe(true);
  });

  it('decides one attempt at a time: another one meanwhile is refused', async () => {
    const first = new ControlSocket();
    await open(first);
    first.answersPings = false;
    const second = new ControlSocket();
    const opening = open(second);
    const error = await refusal(open(new ControlSocket()));
    expect(error?.code).toBe(409);
    expect(error?.message).toContain('another tunnel of this node is being opened');
    await jest.advanceTimersByTimeAsync(TAKEOVER_PROBE_MS);
    await opening;
    expect(streamsGoTo(second)).toBe(true);
  });

  it('lets a new attempt in after a failed handshake', async () => {
    const failed = registry.open('n1', async () => {
      throw new Error('the connection closed during the WebSocket handshake');
    });
    await expect(failed).rejects.toThrow('handshake');
    const socket = new ControlSocket();
    await open(socket);
    expect(streamsGoTo(socket)).toBe(true);
  });

  it('keeps the tunnels of other nodes apart', async () => {
    const first = new ControlSocket();
    const other = new ControlSocket();
    await open(first);
    await registry.open('n2', async () => asWs(other));
    expect(first.pings).toBe(0);
    expect(registry.has('n2')).toBe(true);
  });
});
