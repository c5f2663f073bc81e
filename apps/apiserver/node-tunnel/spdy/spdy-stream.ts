// One stream of a SPDY session as its server end sees it: the peer's data and half-close arrive as
// events; this end writes data frames and half-closes with FIN, or resets the stream.
import { EventEmitter } from 'node:events';
import { OutgoingFrame, RstStatus } from './frames';
import { SpdyHeaders } from './header-block';

/** Data frames are cut at this size, far below the 16 MiB a frame may carry, to bound buffering. */
const MAX_DATA_FRAME = 64 * 1024;

/** What a stream needs of its session. */
export interface StreamOwner {
  send(frame: OutgoingFrame): void;
  /** Called once the stream is closed both ways or reset. */
  forget(stream: SpdyStream): void;
}

export interface SpdyStreamEvents {
  data: [Buffer];
  /** The peer half-closed the stream (FIN): no more data will come. */
  end: [];
  /** The stream was reset, by the peer (its RST_STREAM status) or because the connection went away. */
  reset: [number];
}

export class SpdyStream extends EventEmitter<SpdyStreamEvents> {
  private localEnded = false;
  private remoteEnded = false;
  private wasReset = false;

  constructor(
    readonly id: number,
    readonly headers: SpdyHeaders,
    private readonly owner: StreamOwner,
    /** A SYN_STREAM with FIN or UNIDIRECTIONAL: the peer sends nothing on it. */
    remoteClosed = false,
  ) {
    super();
    this.remoteEnded = remoteClosed;
  }

  /** Whether the peer has half-closed or reset the stream. */
  get remoteClosed(): boolean {
    return this.remoteEnded || this.wasReset;
  }

  write(data: Buffer): void {
    if (this.localEnded || this.wasReset) return;
    for (let at = 0; at < data.length; at += MAX_DATA_FRAME) {
      this.owner.send({ type: 'data', streamId: this.id, fin: false, data: data.subarray(at, at + MAX_DATA_FRAME) });
    }
  }

  /** Half-closes this end with an empty data frame carrying FIN. */
  end(): void {
    if (this.localEnded || this.wasReset) return;
    this.localEnded = true;
    this.owner.send({ type: 'data', streamId: this.id, fin: true, data: Buffer.alloc(0) });
    if (this.remoteEnded) this.owner.forget(this);
  }

  reset(status: number = RstStatus.cancel): void {
    if (this.wasReset) return;
    this.owner.send({ type: 'rstStream', streamId: this.id, status });
    this.markReset(status);
  }

  /** The session delivers the peer's data frames here. */
  receive(data: Buffer, fin: boolean): void {
    if (data.length > 0) this.emit('data', data);
    if (fin) this.receiveEnd();
  }

  /** The peer half-closed the stream (FIN on data or HEADERS). */
  receiveEnd(): void {
    if (this.remoteEnded || this.wasReset) return;
    this.remoteEnded = true;
    this.emit('end');
    if (this.localEnded) this.owner.forget(this);
  }

  /** The peer reset the stream, or the connection is gone. */
  markReset(status: number): void {
    if (this.wasReset) return;
    this.wasReset = true;
    this.owner.forget(this);
    this.emit('reset', status);
  }
}
