// The server end of a SPDY/3.1 connection on an upgraded socket: accepts the streams the client
// opens (SYN_STREAM, answered with SYN_REPLY), carries their data, answers PINGs, grants flow-control
// window for what it receives, and ends with GOAWAY. Frames are handled and sent strictly in order.
import { EventEmitter } from 'node:events';
import { Duplex } from 'node:stream';
import { encodeFrame, FrameReader } from './frame-codec';
import { GoAwayStatus, INITIAL_WINDOW, OutgoingFrame, RstStatus, SpdyFrame, SpdyProtocolError } from './frames';
import { decodeHeaderBlock, encodeHeaderBlock, SpdyHeaders } from './header-block';
import { HeaderCompressor, HeaderDecompressor } from './header-compression';
import { SpdyStream, StreamOwner } from './spdy-stream';

/** After GOAWAY and the end of its side, how long the session waits for the client to close. */
const CLOSE_GRACE_MS = 5_000;

/** Once the bytes waiting for the client fall to this after being too many, 'drain' is emitted. */
const DRAINED_BYTES = 512 * 1024;

export interface SpdySessionEvents {
  /** A stream the client opened; its SYN_REPLY is already queued. */
  stream: [SpdyStream];
  /** The connection is gone; every stream still open was reset before. */
  close: [];
  /** What waited for the client fell back to DRAINED_BYTES after behind() said too much did. */
  drain: [];
}

/** Credit consumed from a receive window, granted back once half the window is used. */
class WindowCredit {
  private consumed = 0;

  take(bytes: number): number {
    this.consumed += bytes;
    if (this.consumed < INITIAL_WINDOW / 2) return 0;
    const grant = this.consumed;
    this.consumed = 0;
    return grant;
  }
}

export class SpdySession extends EventEmitter<SpdySessionEvents> implements StreamOwner {
  private readonly reader = new FrameReader();
  private readonly compressor = new HeaderCompressor();
  private readonly decompressor = new HeaderDecompressor();
  private readonly streams = new Map<number, SpdyStream>();
  private readonly streamCredit = new Map<number, WindowCredit>();
  private readonly sessionCredit = new WindowCredit();
  private inbound: Promise<void> = Promise.resolve();
  private outbound: Promise<void> = Promise.resolve();
  private lastClientStreamId = 0;
  private closing = false;
  private closed = false;
  /** Data bytes queued to be sent and not yet written to the socket. */
  private queuedBytes = 0;
  private drainWanted = false;

  constructor(
    private readonly socket: Duplex,
    /** Bytes the client sent after its upgrade request, read along with it. */
    head: Buffer = Buffer.alloc(0),
  ) {
    super();
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('end', () => this.close());
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.finish());
    socket.on('drain', () => this.checkDrain());
    if (head.length > 0) this.receive(head);
  }

  send(frame: OutgoingFrame): void {
    const bytes = frame.type === 'data' ? frame.data.length : 0;
    this.queuedBytes += bytes;
    this.queue(async () => {
      this.queuedBytes -= bytes;
      return encodeFrame(frame);
    });
  }

  /** Bytes sent on streams that the client has not read yet, queued here or in the socket. */
  get bufferedAmount(): number {
    return this.queuedBytes + this.socket.writableLength;
  }

  /** Whether the client is more than `limit` bytes behind; if so, 'drain' comes once it catches up. */
  behind(limit: number): boolean {
    if (this.closed || this.bufferedAmount <= limit) return false;
    this.drainWanted = true;
    return true;
  }

  /** Stops reading the client's frames (its data then waits in the socket), until resume(). */
  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  forget(stream: SpdyStream): void {
    this.streams.delete(stream.id);
    this.streamCredit.delete(stream.id);
  }

  /** Sends GOAWAY after everything queued, then ends this side of the connection. */
  close(status: number = GoAwayStatus.ok): void {
    if (this.closing || this.closed) return;
    this.closing = true;
    this.send({ type: 'goAway', lastGoodStreamId: this.lastClientStreamId, status });
    this.outbound = this.outbound.then(() => {
      this.socket.end();
      setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS).unref();
    });
  }

  private queue(produce: () => Promise<Buffer>): void {
    this.outbound = this.outbound.then(async () => {
      if (this.closed) return;
      const bytes = await produce();
      if (!this.closed && this.socket.writable) this.socket.write(bytes);
      this.checkDrain();
    });
    this.outbound = this.outbound.catch((e: unknown) => this.fail(e));
  }

  private checkDrain(): void {
    if (!this.drainWanted || this.bufferedAmount > DRAINED_BYTES) return;
    this.drainWanted = false;
    this.emit('drain');
  }

  private sendHeaders(build: (headerBlock: Buffer) => OutgoingFrame, headers: SpdyHeaders): void {
    // Compressed in the queue so that header blocks reach the shared zlib context in the order they are sent.
    this.queue(async () => encodeFrame(build(await this.compressor.compress(encodeHeaderBlock(headers)))));
  }

  private receive(chunk: Buffer): void {
    if (this.closed) return;
    let frames: SpdyFrame[];
    try {
      frames = this.reader.push(chunk);
    } catch (e) {
      return this.fail(e);
    }
    for (const frame of frames) {
      this.inbound = this.inbound.then(() => this.handle(frame)).catch((e: unknown) => this.fail(e));
    }
  }

  private async handle(frame: SpdyFrame): Promise<void> {
    if (this.closed) return;
    switch (frame.type) {
      case 'synStream':
        return this.accept(frame, decodeHeaderBlock(await this.decompressor.decompress(frame.headerBlock)));
      case 'synReply':
      case 'headers':
        // Read even when unused: the header blocks share one zlib stream.
        await this.decompressor.decompress(frame.headerBlock);
        if (frame.fin) this.streams.get(frame.streamId)?.receiveEnd();
        return;
      case 'data':
        return this.receiveData(frame.streamId, frame.data, frame.fin);
      case 'rstStream':
        this.streams.get(frame.streamId)?.markReset(frame.status);
        return;
      case 'ping':
        // Odd ids are the client's pings, to be echoed; even ones would answer pings of ours.
        if (frame.id % 2 === 1) this.send(frame);
        return;
      case 'goAway':
        return this.close();
      case 'settings':
      case 'windowUpdate':
      case 'unknown':
        // The send window is not enforced: spdystream (kubectl's SPDY) never grants window back, so
        // honouring it would stall every exec past 64 KiB of output, as kubelet's spdystream does not.
        return;
    }
  }

  private accept(frame: Extract<SpdyFrame, { type: 'synStream' }>, headers: SpdyHeaders): void {
    const { streamId } = frame;
    if (streamId % 2 === 0 || streamId <= this.lastClientStreamId) {
      return this.send({ type: 'rstStream', streamId, status: RstStatus.protocolError });
    }
    this.lastClientStreamId = streamId;
    if (this.closing) return this.send({ type: 'rstStream', streamId, status: RstStatus.refusedStream });
    const stream = new SpdyStream(streamId, headers, this, frame.fin || frame.unidirectional);
    this.streams.set(streamId, stream);
    this.streamCredit.set(streamId, new WindowCredit());
    this.sendHeaders((headerBlock) => ({ type: 'synReply', streamId, fin: false, headerBlock }), {});
    this.emit('stream', stream);
  }

  private receiveData(streamId: number, data: Buffer, fin: boolean): void {
    if (streamId === 0) throw new SpdyProtocolError('a data frame on stream 0');
    const sessionGrant = this.sessionCredit.take(data.length);
    if (sessionGrant > 0) this.send({ type: 'windowUpdate', streamId: 0, delta: sessionGrant });
    const stream = this.streams.get(streamId);
    if (!stream) return this.send({ type: 'rstStream', streamId, status: RstStatus.invalidStream });
    if (stream.remoteClosed) return stream.reset(RstStatus.streamAlreadyClosed);
    const streamGrant = fin ? 0 : (this.streamCredit.get(streamId)?.take(data.length) ?? 0);
    if (streamGrant > 0) this.send({ type: 'windowUpdate', streamId, delta: streamGrant });
    stream.receive(data, fin);
  }

  private fail(e: unknown): void {
    if (this.closing || this.closed) return;
    this.close(e instanceof SpdyProtocolError ? GoAwayStatus.protocolError : GoAwayStatus.internalError);
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    for (const stream of [...this.streams.values()]) stream.markReset(RstStatus.cancel);
    this.compressor.close();
    this.decompressor.close();
    // Whoever waits for the client to catch up stops waiting: it never will.
    if (this.drainWanted) {
      this.drainWanted = false;
      this.emit('drain');
    }
    this.emit('close');
  }
}
