import WebSocket from 'ws';
import { Channel, encodeFrame, ExecOptions, ExecStreams, PodStreams, StreamRequest } from '@kubenest/node-protocol';
import { serveStream } from './serve-stream';
import { FakeWs } from './testing/fake-ws';

const execRequest = (o: Partial<ExecOptions>): StreamRequest => ({
  id: 's1',
  op: 'exec',
  pod: { namespace: 'ns', name: 'p', uid: 'u' },
  container: 'c',
  command: ['sh'],
  options: { stdin: true, stdout: true, stderr: false, tty: true, ...o },
});

/** Serves an exec whose command does nothing until the test ends it; resolves with its streams. */
const serveExec = (ws: FakeWs, o: Partial<ExecOptions> = {}) => {
  let end!: (result: { exitCode: number }) => void;
  let given!: (streams: ExecStreams) => void;
  const streamsGiven = new Promise<ExecStreams>((resolve) => (given = resolve));
  const pods = {
    exec: (_pod: unknown, _container: string, _command: string[], _options: ExecOptions, streams: ExecStreams) => {
      given(streams);
      return new Promise<{ exitCode: number }>((resolve) => (end = resolve));
    },
  } as unknown as PodStreams;
  const served = serveStream(ws as unknown as WebSocket, pods, execRequest(o));
  return { streamsGiven, served, end: (exitCode: number) => end({ exitCode }) };
};

describe('serveStream exec', () => {
  it.each([
    { name: 'an empty frame', message: Buffer.alloc(0) },
    { name: 'a resize that is not JSON', message: encodeFrame(Channel.resize, '{"Width":') },
    { name: 'a resize of null', message: encodeFrame(Channel.resize, 'null') },
    { name: 'a frame of an unknown channel', message: encodeFrame(9, 'x') },
  ])('survives $name from the apiserver', async ({ message }) => {
    const ws = new FakeWs();
    const { streamsGiven, served, end } = serveExec(ws);
    const streams = await streamsGiven;
    const sizes: unknown[] = [];
    streams.resize!.on('data', (s) => sizes.push(s));
    expect(() => ws.emit('message', message)).not.toThrow();
    ws.emit('message', encodeFrame(Channel.resize, '{"Width":80,"Height":24}'));
    end(0);
    await served;
    expect(sizes).toEqual([{ width: 80, height: 24 }]);
    expect(ws.sent.at(-1)).toEqual({ channel: Channel.error, data: '{"exitCode":0}' });
  });

  it('stops reading the socket while the command does not read its stdin, and reads on after', async () => {
    const ws = new FakeWs();
    const { streamsGiven, served, end } = serveExec(ws);
    const streams = await streamsGiven;
    for (let i = 0; i < 4 && !ws.isPaused; i++) ws.emit('message', encodeFrame(Channel.stdin, Buffer.alloc(16 * 1024)));
    expect(ws.isPaused).toBe(true);
    streams.stdin!.resume();
    await new Promise((r) => setImmediate(r));
    expect(ws.isPaused).toBe(false);
    end(0);
    await served;
  });

  it('ignores stdin after its close, and stdin the session did not ask for', async () => {
    const ws = new FakeWs();
    const { streamsGiven, served, end } = serveExec(ws);
    const streams = await streamsGiven;
    const got: Buffer[] = [];
    streams.stdin!.on('data', (d: Buffer) => got.push(d));
    ws.emit('message', encodeFrame(Channel.stdin, 'a'));
    ws.emit('message', encodeFrame(Channel.close, Buffer.from([Channel.stdin])));
    ws.emit('message', encodeFrame(Channel.stdin, 'b'));
    end(0);
    await served;
    expect(Buffer.concat(got).toString()).toBe('a');

    const other = new FakeWs();
    const noStdin = serveExec(other, { stdin: false });
    expect((await noStdin.streamsGiven).stdin).toBeUndefined();
    for (let i = 0; i < 4; i++) other.emit('message', encodeFrame(Channel.stdin, Buffer.alloc(64 * 1024)));
    expect(other.isPaused).toBe(false);
    noStdin.end(0);
    await noStdin.served;
  });
});
