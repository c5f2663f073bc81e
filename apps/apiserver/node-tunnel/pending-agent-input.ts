// What a client sends on its way to the agent (SPDY exec and port-forward, WebSocket port-forward):
// held, up to a bound, until the agent's stream socket is open, then sent with backpressure: the
// client is not read while the agent is behind.
import { ExecInput } from './pod-exec';
import { RELAY_HIGH_WATER } from './send-window';

/** Where the client's bytes come from: a SPDY session or a WebSocket, read or not. */
export interface PausableSource {
  pause(): void;
  resume(): void;
}

/**
 * One source read by several relays (a port-forward's connections share their session or
 * WebSocket): paused while any of them is behind, resumed only once none is.
 */
export const sharedPause = (source: PausableSource): PausableSource => {
  let behind = 0;
  return {
    pause: () => {
      if (behind++ === 0) source.pause();
    },
    resume: () => {
      if (behind > 0 && --behind === 0) source.resume();
    },
  };
};

export class PendingAgentInput {
  private input?: ExecInput;
  private held: Array<[number, Buffer]> = [];
  private heldBytes = 0;
  private paused = false;

  constructor(
    private readonly source: PausableSource,
    /** Called when more than RELAY_HIGH_WATER bytes wait for the agent. */
    private readonly overflow: () => void,
  ) {}

  send(channel: number, data: Buffer): void {
    if (!this.input) {
      this.held.push([channel, data]);
      this.heldBytes += data.length;
      if (this.heldBytes > RELAY_HIGH_WATER) this.overflow();
      return;
    }
    if (this.input.send(channel, data) || this.paused) return;
    this.paused = true;
    this.source.pause();
    this.input.onDrain(() => {
      this.paused = false;
      this.source.resume();
    });
  }

  /** The agent's socket is open: what was held goes first. */
  open(input: ExecInput): void {
    this.input = input;
    const held = this.held;
    this.held = [];
    for (const [channel, data] of held) this.send(channel, data);
  }

  /** The client went away: the agent drops what it serves. */
  close(): void {
    this.input?.close();
  }
}
