import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import { keepAlive } from './keep-alive';

/** The part of a ws WebSocket keepAlive uses; ping throws unless open, as ws does. */
class FakeSocket extends EventEmitter {
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSED = 3;
  readyState = this.CONNECTING;
  pings = 0;
  terminated = false;

  ping(): void {
    if (this.readyState !== this.OPEN) throw new Error(`WebSocket is not open: readyState ${this.readyState}`);
    this.pings++;
  }

  terminate(): void {
    this.terminated = true;
    this.readyState = this.CLOSED;
    this.emit('close');
  }
}

const watch = (socket: FakeSocket) => keepAlive(socket as unknown as WebSocket, 1000);

describe('keepAlive', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('leaves a socket still connecting alone, however long its handshake takes', () => {
    const socket = new FakeSocket();
    watch(socket);
    expect(() => jest.advanceTimersByTime(5000)).not.toThrow();
    expect(socket).toMatchObject({ pings: 0, terminated: false });
  });

  it('pings an open socket and keeps it while it answers', () => {
    const socket = new FakeSocket();
    watch(socket);
    socket.readyState = socket.OPEN;
    for (let i = 0; i < 3; i++) {
      jest.advanceTimersByTime(1000);
      socket.emit('pong');
    }
    expect(socket).toMatchObject({ pings: 3, terminated: false });
  });

  it('terminates a socket that left a ping unanswered until the next one', () => {
    const socket = new FakeSocket();
    watch(socket);
    socket.readyState = socket.OPEN;
    jest.advanceTimersByTime(2000);
    expect(socket).toMatchObject({ pings: 1, terminated: true });
  });

  it('stops once the socket has closed', () => {
    const socket = new FakeSocket();
    watch(socket);
    socket.terminate();
    jest.advanceTimersByTime(5000);
    expect(jest.getTimerCount()).toBe(0);
  });
});
