// A writable that sends each chunk as frames of one channel on a stream socket (at most
// MAX_FRAME_DATA each, so a log or output of any size stays within the apiserver's maxPayload),
// waiting while the socket has more than HIGH_WATER queued, so a slow apiserver slows the source down.
import { Writable } from 'node:stream';
import WebSocket from 'ws';
import { encodeFrames } from '@kubenest/node-protocol';

/** Reading pauses while this much is queued on the socket. */
export const HIGH_WATER = 1024 * 1024;

export const channelWriter = (ws: WebSocket, channel: number): Writable =>
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (ws.readyState !== WebSocket.OPEN) return done();
      for (const frame of encodeFrames(channel, chunk)) ws.send(frame, () => undefined);
      if (ws.bufferedAmount < HIGH_WATER) return done();
      const wait = setInterval(() => {
        if (ws.bufferedAmount < HIGH_WATER || ws.readyState !== WebSocket.OPEN) {
          clearInterval(wait);
          done();
        }
      }, 20);
    },
  });
