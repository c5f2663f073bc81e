// For unit tests: a SPDY/3.1 client in memory, speaking to a session over a socket pair, that
// records what the server sends with header blocks already decompressed.
import { Duplex } from 'node:stream';
import { encodeFrame, FrameReader } from '../frame-codec';
import { OutgoingFrame, SpdyFrame } from '../frames';
import { decodeHeaderBlock, encodeHeaderBlock, SpdyHeaders } from '../header-block';
import { HeaderCompressor, HeaderDecompressor } from '../header-compression';

export type ReceivedFrame = SpdyFrame & { headers?: SpdyHeaders };

/** Two connected in-memory sockets: what one writes the other reads; ending one ends the other's reading. */
export const socketPair = (): [Duplex, Duplex] => {
  const sides: Duplex[] = [];
  const side = (other: () => Duplex) =>
    new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, done) {
        other().push(chunk);
        done();
      },
      final(done) {
        other().push(null);
        done();
      },
    });
  sides.push(
    side(() => sides[1]),
    side(() => sides[0]),
  );
  return [sides[0], sides[1]];
};

export class FakeSpdyClient {
  readonly frames: ReceivedFrame[] = [];
  readonly serverSocket: Duplex;
  ended = false;
  private closed = false;
  /** Why a step failed while the test ran: waitFor and close throw it, so it fails that test and no other. */
  private failure?: Error;
  private readonly socket: Duplex;
  private readonly reader = new FrameReader();
  private readonly compressor = new HeaderCompressor();
  private readonly decompressor = new HeaderDecompressor();
  private inbound: Promise<void> = Promise.resolve();
  private outbound: Promise<void> = Promise.resolve();
  private readonly waiters: Array<() => void> = [];

  constructor() {
    [this.socket, this.serverSocket] = socketPair();
    this.socket.on('data', (chunk: Buffer) => {
      for (const frame of this.reader.push(chunk)) {
        this.inbound = this.after(this.inbound, async () => {
          const headers =
            'headerBlock' in frame
              ? decodeHeaderBlock(await this.decompressor.decompress(frame.headerBlock))
              : undefined;
          this.frames.push(headers ? { ...frame, headers } : frame);
          this.waiters.splice(0).forEach((wake) => wake());
        });
      }
    });
    this.socket.on('end', () => {
      this.ended = true;
      this.waiters.splice(0).forEach((wake) => wake());
    });
  }

  openStream(streamId: number, headers: SpdyHeaders, fin = false): void {
    this.outbound = this.after(this.outbound, async () => {
      const headerBlock = await this.compressor.compress(encodeHeaderBlock(headers));
      this.socket.write(
        encodeFrame({
          type: 'synStream',
          streamId,
          associatedStreamId: 0,
          priority: 0,
          fin,
          unidirectional: false,
          headerBlock,
        }),
      );
    });
  }

  send(frame: OutgoingFrame): void {
    this.outbound = this.after(this.outbound, () => void this.socket.write(encodeFrame(frame)));
  }

  /** Raw bytes, e.g. a frame split in pieces. */
  sendBytes(bytes: Buffer): void {
    this.outbound = this.after(this.outbound, () => void this.socket.write(bytes));
  }

  data(streamId: number, data: string | Buffer, fin = false): void {
    this.send({ type: 'data', streamId, fin, data: Buffer.from(data) });
  }

  end(): void {
    this.outbound = this.after(this.outbound, () => void this.socket.end());
  }

  /** Resolves with the first received frame that matches, waiting for it if need be. */
  async waitFor(match: (f: ReceivedFrame) => boolean, what = 'a frame'): Promise<ReceivedFrame> {
    const deadline = Date.now() + 2_000;
    for (;;) {
      if (this.failure) throw this.failure;
      const found = this.frames.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${what} within 2 s; got ${JSON.stringify(this.frames)}`);
      await new Promise<void>((wake) => {
        this.waiters.push(wake);
        setTimeout(wake, 50);
      });
    }
  }

  /** The bytes received on a stream, in order, and whether the server half-closed it. */
  streamData(streamId: number): { text: string; fin: boolean } {
    const frames = this.frames.filter((f) => f.type === 'data' && f.streamId === streamId) as Array<
      Extract<SpdyFrame, { type: 'data' }>
    >;
    return { text: Buffer.concat(frames.map((f) => f.data)).toString('utf8'), fin: frames.some((f) => f.fin) };
  }

  /** Ends the test's connection; frames the server sent that are still queued here are dropped unread. */
  close(): void {
    this.closed = true;
    this.compressor.close();
    this.decompressor.close();
    this.socket.destroy();
    if (this.failure) throw this.failure;
  }

  /**
   * Chains a step after the earlier ones of its direction. Steps left when the test closes the
   * client are skipped: its zlib contexts are closed by then and fail every block.
   */
  private after(previous: Promise<void>, step: () => void | Promise<void>): Promise<void> {
    return previous
      .then(() => (this.closed ? undefined : step()))
      .catch((e: unknown) => {
        if (!this.closed) this.failure ??= e as Error;
      });
  }
}
