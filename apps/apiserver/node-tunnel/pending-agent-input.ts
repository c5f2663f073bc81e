// What a SPDY client sends on its way to the agent, for exec and port-forward alike: held, up to
// a bound, until the agent's stream socket is open, then sent with backpressure: the client is
// not read while the agent is behind.
import { ExecInput } from './pod-exec';
import { RELAY_HIGH_WATER } from './send-window';
import { SpdySession } from './spdy';

export class PendingAgentInput {
  private input?: ExecInput;
  private held: Array<[number, Buffer]> = [];
  private heldBytes = 0;
  private paused = false;

  constructor(
    private readonly session: SpdySession,
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
    this.session.pause();
    this.input.onDrain(() => {
      this.paused = false;
      this.session.resume();
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
