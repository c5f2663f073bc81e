// Counts the bytes handed to a WebSocket that it has not written out yet, so that a relay stops
// reading one end while the other is slow, and nothing queues without bound in between.
import WebSocket from 'ws';

/** How far a slow end may fall behind before the relay stops reading the other. */
export const RELAY_HIGH_WATER = 1024 * 1024;

export class SendWindow {
  private outstanding = 0;
  private waiting: Array<() => void> = [];

  constructor(
    private readonly ws: WebSocket,
    private readonly highWater = RELAY_HIGH_WATER,
  ) {}

  /** Sends one message; false when more than highWater bytes now wait to be written. */
  send(data: Buffer | string): boolean {
    if (this.ws.readyState !== WebSocket.OPEN) return true;
    const size = Buffer.byteLength(data);
    this.outstanding += size;
    // ws calls back once the bytes are written, or with an error when the socket went away.
    this.ws.send(data, () => {
      this.outstanding -= size;
      if (this.caughtUp()) this.waiting.splice(0).forEach((resume) => resume());
    });
    return this.outstanding <= this.highWater;
  }

  /** Calls back once at most half of highWater waits to be written (now, if that is so already). */
  onDrain(resume: () => void): void {
    if (this.caughtUp()) resume();
    else this.waiting.push(resume);
  }

  private caughtUp(): boolean {
    return this.outstanding <= this.highWater / 2;
  }
}
