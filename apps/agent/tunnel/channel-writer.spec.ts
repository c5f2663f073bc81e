import WebSocket from 'ws';
import { Channel, MAX_FRAME_DATA, TUNNEL_MAX_PAYLOAD } from '@kubenest/node-protocol';
import { channelWriter } from './channel-writer';
import { FakeWs } from './testing/fake-ws';

describe('channelWriter', () => {
  it('sends a chunk of several MiB (the rest of a log) as frames the apiserver takes, in order', async () => {
    const ws = new FakeWs();
    const text = Array.from({ length: 3 * 1024 * 1024 + 7 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
    const writer = channelWriter(ws as unknown as WebSocket, Channel.stdout);
    await new Promise<void>((done) => writer.end(Buffer.from(text), done));
    expect(ws.sent.length).toBe(Math.ceil(text.length / MAX_FRAME_DATA));
    expect(ws.sent.every((f) => f.channel === Channel.stdout && f.data.length <= MAX_FRAME_DATA)).toBe(true);
    expect(MAX_FRAME_DATA + 1).toBeLessThanOrEqual(TUNNEL_MAX_PAYLOAD);
    expect(ws.sent.map((f) => f.data).join('')).toBe(text);
  });

  it('sends a small chunk as one frame', async () => {
    const ws = new FakeWs();
    const writer = channelWriter(ws as unknown as WebSocket, Channel.stderr);
    await new Promise<void>((done) => writer.end(Buffer.from('oops\n'), done));
    expect(ws.sent).toEqual([{ channel: Channel.stderr, data: 'oops\n' }]);
  });
});
