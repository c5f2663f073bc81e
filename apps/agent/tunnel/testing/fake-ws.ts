// The agent's end of a tunnel stream socket, for unit tests: frames sent are recorded decoded,
// and say() delivers a frame as the apiserver would.
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import { decodeFrame, encodeFrame } from '@kubenest/node-protocol';

/** The stream socket as the agent's stream servers use it. */
export class FakeWs extends EventEmitter {
  readyState: number = WebSocket.OPEN;
  bufferedAmount = 0;
  isPaused = false;
  readonly sent: Array<{ channel: number; data: string }> = [];

  send(frame: Buffer, written?: () => void): void {
    const { channel, data } = decodeFrame(frame);
    this.sent.push({ channel, data: data.toString('utf8') });
    written?.();
  }

  pause(): void {
    this.isPaused = true;
  }

  resume(): void {
    this.isPaused = false;
  }

  close(): void {
    if (this.readyState === WebSocket.CLOSED) return;
    this.readyState = WebSocket.CLOSED;
    this.emit('close');
  }

  say(channel: number, data: Buffer | string): void {
    this.emit('message', encodeFrame(channel, data));
  }
}
