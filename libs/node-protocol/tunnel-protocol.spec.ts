import { Channel, controlPath, decodeFrame, encodeFrame, messageBytes, streamPath } from '@kubenest/node-protocol';

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
