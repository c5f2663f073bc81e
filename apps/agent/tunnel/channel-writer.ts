// A writable that sends each chunk as a frame of one channel on a stream socket, waiting while the
// socket has more than HIGH_WATER queued, so a slow apiserver slows the source down.
import { Writable } from 'node:stream';
import WebSocket from 'ws';
import { encodeFrame } from '@kubenest/node-protocol';

/** Reading pauses while this much is queued on the socket. */
export const HIGH_WATER = 1024 * 1024;

export const channelWriter = (ws: WebSocket, channel: number): Writable =>
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (ws.readyState !== WebSocket.OPEN) return done();
      ws.send(encodeFrame(channel, chunk), () => undefined);
      if (ws.bufferedAmount < HIGH_WATER) return done();
      const wait = setInterval(() => {
        if (ws.bufferedAmount < HIGH_WATER || ws.readyState !== WebSocket.OPEN) {
          clearInterval(wait);
          done();
        }
      }, 20);
    },
  });
