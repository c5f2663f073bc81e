// A ws socket as the exec and port-forward relays use it, for their unit tests: what is sent is
// recorded, write callbacks can be held back, and messages arrive through receive().
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import { Channel, decodeFrame, encodeFrame, StreamOutcome } from '@kubenest/node-protocol';

/** Either end of the relay as it uses a ws socket: what is sent is recorded, its write callbacks held until released. */
export class FakeSocket extends EventEmitter {
  readyState: number = WebSocket.OPEN;
  readonly sent: Buffer[] = [];
  paused = false;
  terminated = false;
  holdWrites = false;
  private readonly held: Array<() => void> = [];

  send(data: Buffer | string, written?: () => void): void {
    this.sent.push(Buffer.from(data));
    if (this.holdWrites && written) this.held.push(written);
    else written?.();
  }

  releaseWrites(): void {
    this.held.splice(0).forEach((written) => written());
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  close(): void {
    if (this.readyState === WebSocket.CLOSED) return;
    this.readyState = WebSocket.CLOSED;
    this.emit('close');
  }

  terminate(): void {
    this.terminated = true;
    this.close();
  }

  receive(data: Buffer): void {
    this.emit('message', data);
  }
}

/** The agent's stream socket: the frames sent to it decoded, and frames it says to the relay. */
export class FakeAgentSocket extends FakeSocket {
  get received(): Array<{ channel: number; data: string }> {
    return this.sent.map((frame) => {
      const { channel, data } = decodeFrame(frame);
      return { channel, data: data.toString('latin1') };
    });
  }

  say(channel: number, data: string): void {
    this.receive(encodeFrame(channel, data));
  }

  finish(outcome: StreamOutcome): void {
    this.say(Channel.error, JSON.stringify(outcome));
    this.close();
  }
}
