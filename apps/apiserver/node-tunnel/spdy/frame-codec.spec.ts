import { encodeFrame, FrameReader, MAX_CONTROL_PAYLOAD, MAX_DATA_PAYLOAD } from './frame-codec';
import { OutgoingFrame, SpdyProtocolError } from './frames';

const block = Buffer.from([1, 2, 3]);

describe('SPDY frame codec', () => {
  it.each<{ name: string; frame: OutgoingFrame }>([
    { name: 'data', frame: { type: 'data', streamId: 5, fin: false, data: Buffer.from('hello') } },
    { name: 'data with FIN, empty', frame: { type: 'data', streamId: 7, fin: true, data: Buffer.alloc(0) } },
    {
      name: 'SYN_STREAM',
      frame: {
        type: 'synStream',
        streamId: 3,
        associatedStreamId: 1,
        priority: 5,
        fin: true,
        unidirectional: true,
        headerBlock: block,
      },
    },
    { name: 'SYN_REPLY', frame: { type: 'synReply', streamId: 3, fin: false, headerBlock: block } },
    { name: 'HEADERS with FIN', frame: { type: 'headers', streamId: 9, fin: true, headerBlock: block } },
    { name: 'RST_STREAM', frame: { type: 'rstStream', streamId: 11, status: 5 } },
    {
      name: 'SETTINGS',
      frame: {
        type: 'settings',
        clearSettings: true,
        settings: [
          { id: 7, flags: 1, value: 1 << 20 },
          { id: 4, flags: 0, value: 100 },
        ],
      },
    },
    { name: 'PING', frame: { type: 'ping', id: 0xfffffffe } },
    { name: 'GOAWAY', frame: { type: 'goAway', lastGoodStreamId: 9, status: 1 } },
    { name: 'WINDOW_UPDATE', frame: { type: 'windowUpdate', streamId: 0, delta: 0x7fffffff } },
  ])('round-trips $name', ({ frame }) => {
    expect(new FrameReader().push(encodeFrame(frame))).toEqual([frame]);
  });

  it('lays a control frame out as the draft does: control bit, version 3, type, flags, 24-bit length', () => {
    expect(encodeFrame({ type: 'ping', id: 1 })).toEqual(Buffer.from([0x80, 3, 0, 6, 0, 0, 0, 4, 0, 0, 0, 1]));
    expect(encodeFrame({ type: 'data', streamId: 1, fin: true, data: Buffer.from('a') })).toEqual(
      Buffer.from([0, 0, 0, 1, 1, 0, 0, 1, 97]),
    );
  });

  it('reads frames split anywhere and joined in one chunk', () => {
    const bytes = Buffer.concat([
      encodeFrame({ type: 'ping', id: 1 }),
      encodeFrame({ type: 'data', streamId: 1, fin: false, data: Buffer.from('abc') }),
    ]);
    const reader = new FrameReader();
    const frames = [...bytes].flatMap((b) => reader.push(Buffer.from([b])));
    expect(frames).toEqual([
      { type: 'ping', id: 1 },
      { type: 'data', streamId: 1, fin: false, data: Buffer.from('abc') },
    ]);
    expect(new FrameReader().push(bytes)).toEqual(frames);
  });

  it('passes over a control frame type it does not know', () => {
    const unknown = Buffer.from([0x80, 3, 0, 10, 0, 0, 0, 2, 9, 9]);
    expect(new FrameReader().push(unknown)).toEqual([{ type: 'unknown', frameType: 10 }]);
  });

  it('refuses another SPDY version and truncated control frames', () => {
    expect(() => new FrameReader().push(Buffer.from([0x80, 2, 0, 6, 0, 0, 0, 4, 0, 0, 0, 1]))).toThrow(
      SpdyProtocolError,
    );
    expect(() => new FrameReader().push(Buffer.from([0x80, 3, 0, 3, 0, 0, 0, 4, 0, 0, 0, 1]))).toThrow(
      /RST_STREAM frame too short/,
    );
  });

  it('refuses a control frame larger than it accepts, from its header alone', () => {
    const header = Buffer.from([0x80, 3, 0, 1, 0, 0, 0, 0]);
    header.writeUIntBE(MAX_CONTROL_PAYLOAD + 1, 5, 3);
    expect(() => new FrameReader().push(header)).toThrow(SpdyProtocolError);
  });

  it('reads a data frame as large as it accepts', () => {
    const data = Buffer.alloc(MAX_DATA_PAYLOAD, 7);
    const [frame, ...rest] = new FrameReader().push(encodeFrame({ type: 'data', streamId: 1, fin: false, data }));
    expect(rest).toEqual([]);
    expect(frame.type === 'data' && frame.data.equals(data)).toBe(true);
  });

  it('refuses a larger data frame from its header alone, before holding its bytes', () => {
    const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 0]);
    header.writeUIntBE(MAX_DATA_PAYLOAD + 1, 5, 3);
    expect(() => new FrameReader().push(header)).toThrow(
      new SpdyProtocolError(`a data frame of ${MAX_DATA_PAYLOAD + 1} bytes exceeds ${MAX_DATA_PAYLOAD}`),
    );
  });

  it('reads a frame that arrives in many small chunks, and the frames after it', () => {
    const data = Buffer.alloc(64 * 1024, 1);
    const bytes = Buffer.concat([
      encodeFrame({ type: 'data', streamId: 1, fin: false, data }),
      encodeFrame({ type: 'ping', id: 3 }),
    ]);
    const reader = new FrameReader();
    const frames = [];
    for (let at = 0; at < bytes.length; at += 100) frames.push(...reader.push(bytes.subarray(at, at + 100)));
    expect(frames).toEqual([
      { type: 'data', streamId: 1, fin: false, data },
      { type: 'ping', id: 3 },
    ]);
  });
});
