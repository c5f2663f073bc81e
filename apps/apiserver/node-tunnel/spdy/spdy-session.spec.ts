import { Duplex } from 'node:stream';
import { encodeFrame } from './frame-codec';
import { GoAwayStatus, RstStatus } from './frames';
import { FakeSpdyClient } from './testing/fake-spdy-client';
import { SpdySession } from './spdy-session';
import { SpdyStream } from './spdy-stream';

describe('SpdySession', () => {
  let client: FakeSpdyClient;
  let session: SpdySession;
  let streams: SpdyStream[];

  beforeEach(() => {
    client = new FakeSpdyClient();
    session = new SpdySession(client.serverSocket);
    streams = [];
    session.on('stream', (s) => streams.push(s));
  });

  afterEach(() => client.close());

  const nextStream = async (): Promise<SpdyStream> => {
    const count = streams.length;
    await client.waitFor((f) => f.type === 'synReply' && streams.length > count, 'SYN_REPLY');
    return streams[count];
  };

  it('accepts a client stream with its headers and answers SYN_REPLY', async () => {
    client.openStream(1, { streamtype: ['error'] });
    client.openStream(3, { streamtype: ['stdout'], port: ['80'] });
    await client.waitFor((f) => f.type === 'synReply' && f.streamId === 3);
    expect(streams.map((s) => [s.id, s.headers])).toEqual([
      [1, { streamtype: ['error'] }],
      [3, { streamtype: ['stdout'], port: ['80'] }],
    ]);
    expect(client.frames.filter((f) => f.type === 'synReply')).toEqual([
      expect.objectContaining({ streamId: 1, fin: false, headers: {} }),
      expect.objectContaining({ streamId: 3, fin: false, headers: {} }),
    ]);
  });

  it('delivers client data in order, then the half-close', async () => {
    client.openStream(1, { streamtype: ['stdin'] });
    const stream = await nextStream();
    const got: string[] = [];
    stream.on('data', (d) => got.push(d.toString()));
    const ended = new Promise((done) => stream.on('end', () => done(got.join(''))));
    client.data(1, 'hello ');
    client.data(1, 'world', true);
    expect(await ended).toBe('hello world');
  });

  it('writes data frames after the SYN_REPLY and half-closes with FIN', async () => {
    client.openStream(1, { streamtype: ['stdout'] });
    const stream = await nextStream();
    stream.write(Buffer.from('out'));
    stream.end();
    await client.waitFor((f) => f.type === 'data' && f.fin);
    expect(client.streamData(1)).toEqual({ text: 'out', fin: true });
    expect(client.frames.findIndex((f) => f.type === 'synReply')).toBeLessThan(
      client.frames.findIndex((f) => f.type === 'data'),
    );
  });

  it('reads frames however the socket splits them', async () => {
    client.openStream(1, { streamtype: ['stdin'] });
    const stream = await nextStream();
    const data = new Promise((done) => stream.on('data', (d) => done(d.toString())));
    for (const b of encodeFrame({ type: 'data', streamId: 1, fin: false, data: Buffer.from('split') })) {
      client.sendBytes(Buffer.from([b]));
    }
    expect(await data).toBe('split');
  });

  it("echoes the client's pings only", async () => {
    client.send({ type: 'ping', id: 2 });
    client.send({ type: 'ping', id: 7 });
    expect(await client.waitFor((f) => f.type === 'ping')).toEqual({ type: 'ping', id: 7 });
    expect(client.frames.filter((f) => f.type === 'ping')).toHaveLength(1);
  });

  it('grants window back for the data it receives, per stream and for the session', async () => {
    client.openStream(1, { streamtype: ['stdin'] });
    await nextStream();
    for (let i = 0; i < 5; i++) client.data(1, Buffer.alloc(8 * 1024));
    await client.waitFor((f) => f.type === 'windowUpdate' && f.streamId === 1);
    expect(client.frames.filter((f) => f.type === 'windowUpdate')).toEqual([
      { type: 'windowUpdate', streamId: 0, delta: 32 * 1024 },
      { type: 'windowUpdate', streamId: 1, delta: 32 * 1024 },
    ]);
  });

  it('keeps sending whatever window the client announces', async () => {
    client.send({ type: 'settings', clearSettings: false, settings: [{ id: 7, flags: 0, value: 1 }] });
    client.send({ type: 'windowUpdate', streamId: 0, delta: 1 });
    client.openStream(1, { streamtype: ['stdout'] });
    const stream = await nextStream();
    stream.write(Buffer.alloc(100 * 1024, 'x'));
    stream.end();
    await client.waitFor((f) => f.type === 'data' && f.fin);
    expect(client.streamData(1).text).toHaveLength(100 * 1024);
  });

  it.each([
    {
      name: 'data on a stream never opened',
      act: (c: FakeSpdyClient) => c.data(9, 'x'),
      want: { streamId: 9, status: RstStatus.invalidStream },
    },
    {
      name: 'a stream id the client may not use',
      act: (c: FakeSpdyClient) => c.openStream(2, { streamtype: ['error'] }),
      want: { streamId: 2, status: RstStatus.protocolError },
    },
  ])('resets $name', async ({ act, want }) => {
    act(client);
    expect(await client.waitFor((f) => f.type === 'rstStream')).toEqual({ type: 'rstStream', ...want });
  });

  it('resets a stream for the client and tells its reader', async () => {
    client.openStream(1, { streamtype: ['stdin'] });
    const stream = await nextStream();
    const reset = new Promise((done) => stream.on('reset', done));
    client.send({ type: 'rstStream', streamId: 1, status: RstStatus.cancel });
    expect(await reset).toBe(RstStatus.cancel);
    expect(stream.remoteClosed).toBe(true);
  });

  it('closes with GOAWAY naming the last stream it accepted, after what was queued', async () => {
    client.openStream(1, { streamtype: ['error'] });
    const stream = await nextStream();
    stream.end();
    session.close();
    await client.waitFor(() => client.ended, 'the end of the connection');
    expect(client.frames.slice(-2)).toEqual([
      { type: 'data', streamId: 1, fin: true, data: Buffer.alloc(0) },
      { type: 'goAway', lastGoodStreamId: 1, status: GoAwayStatus.ok },
    ]);
  });

  it('goes away with PROTOCOL_ERROR on a corrupt header block', async () => {
    client.send({
      type: 'synStream',
      streamId: 1,
      associatedStreamId: 0,
      priority: 0,
      fin: false,
      unidirectional: false,
      headerBlock: Buffer.from('junk'),
    });
    expect(await client.waitFor((f) => f.type === 'goAway')).toMatchObject({ status: GoAwayStatus.protocolError });
  });

  it('resets open streams and reports the close when the client goes', async () => {
    client.openStream(1, { streamtype: ['stdin'] });
    const stream = await nextStream();
    const reset = new Promise((done) => stream.on('reset', done));
    const closed = new Promise((done) => session.on('close', () => done(true)));
    client.end();
    expect(await reset).toBe(RstStatus.cancel);
    expect(await closed).toBe(true);
  });

  describe('a client that reads slowly', () => {
    let written: Array<() => void>;
    let slow: SpdySession;

    beforeEach(() => {
      written = [];
      // A socket whose peer takes the bytes only when the test says so.
      const socket = new Duplex({ read() {}, write: (_chunk, _encoding, done) => void written.push(done) });
      slow = new SpdySession(socket);
    });

    const settle = () => new Promise((r) => setImmediate(r));

    it('is behind while more than the limit waits, and drains once the client has read it', async () => {
      const drained = jest.fn();
      slow.on('drain', drained);
      slow.send({ type: 'data', streamId: 1, fin: false, data: Buffer.alloc(2 * 1024 * 1024) });
      expect(slow.bufferedAmount).toBeGreaterThanOrEqual(2 * 1024 * 1024);
      await settle();
      expect(slow.behind(1024 * 1024)).toBe(true);
      expect(drained).not.toHaveBeenCalled();
      written.splice(0).forEach((done) => done());
      await settle();
      expect(drained).toHaveBeenCalledTimes(1);
      expect(slow.behind(1024 * 1024)).toBe(false);
    });

    it('emits no drain when nobody found it behind', async () => {
      const drained = jest.fn();
      slow.on('drain', drained);
      slow.send({ type: 'data', streamId: 1, fin: false, data: Buffer.alloc(1024) });
      await settle();
      expect(slow.behind(1024 * 1024)).toBe(false);
      written.splice(0).forEach((done) => done());
      await settle();
      expect(drained).not.toHaveBeenCalled();
    });
  });
});
