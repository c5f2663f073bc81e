import {
  Channel,
  controlPath,
  decodeFrame,
  encodeFrame,
  encodeFrames,
  MAX_FRAME_DATA,
  messageBytes,
  streamPath,
} from '@kubenest/node-protocol';

describe('tunnel frames', () => {
  it.each([
    { channel: Channel.stdout, data: 'hello' },
    { channel: Channel.stderr, data: Buffer.from([0, 255, 1]) },
    { channel: Channel.error, data: '{"exitCode":3}' },
    { channel: Channel.close, data: Buffer.from([Channel.stdin]) },
    { channel: Channel.stdout, data: '' },
  ])('round-trips channel $channel', ({ channel, data }) => {
    const decoded = decodeFrame(encodeFrame(channel, data));
    expect(decoded.channel).toBe(channel);
    expect(decoded.data).toEqual(Buffer.from(data));
  });

  it.each([
    { name: 'no data', bytes: 0, sizes: [0] },
    { name: 'one frame full', bytes: MAX_FRAME_DATA, sizes: [MAX_FRAME_DATA] },
    { name: 'one byte more', bytes: MAX_FRAME_DATA + 1, sizes: [MAX_FRAME_DATA, 1] },
    { name: 'several MiB', bytes: 3 * 1024 * 1024 + 5, sizes: [...Array(48).fill(MAX_FRAME_DATA), 5] },
  ])('splits $name into frames of at most MAX_FRAME_DATA, in order', ({ bytes, sizes }) => {
    const data = Buffer.from(Array.from({ length: bytes }, (_, i) => i % 251));
    const frames = encodeFrames(Channel.stdout, data).map(decodeFrame);
    expect(frames.map((f) => f.data.length)).toEqual(sizes);
    expect(frames.every((f) => f.channel === Channel.stdout)).toBe(true);
    expect(Buffer.concat(frames.map((f) => f.data)).equals(data)).toBe(true);
  });

  it('refuses a frame without a channel byte', () => {
    expect(() => decodeFrame(Buffer.alloc(0))).toThrow(/no channel byte/);
  });

  it('joins fragmented messages', () => {
    expect(messageBytes([Buffer.from([1]), Buffer.from('ab')])).toEqual(Buffer.from([1, 97, 98]));
    expect(messageBytes(new Uint8Array([2, 99]).buffer)).toEqual(Buffer.from([2, 99]));
  });

  it('escapes names in paths', () => {
    expect(controlPath('n1')).toBe('/tunnel/v1/nodes/n1');
    expect(streamPath('n1', 'a/b')).toBe('/tunnel/v1/nodes/n1/streams/a%2Fb');
  });
});
