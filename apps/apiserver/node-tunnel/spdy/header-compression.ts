// The two zlib contexts of a SPDY connection: each direction compresses its header blocks as one
// deflate stream primed with the SPDY/3 dictionary, every block ending on a sync flush.
import { constants, createDeflate, createInflate, Deflate, Inflate } from 'node:zlib';
import { SpdyProtocolError } from './frames';
import { SPDY3_DICTIONARY } from './header-dictionary';

/** How large one header block may inflate to: a real client's are a few hundred bytes. */
export const MAX_HEADER_BLOCK = 1024 * 1024;

/**
 * Runs one input through a zlib stream up to a sync flush; calls run one at a time, in call order.
 * Output past maxOutput fails the context for good, so a compression bomb costs no more than that.
 */
class ZlibContext {
  private queue: Promise<unknown> = Promise.resolve();
  private failure?: Error;

  constructor(
    private readonly z: Deflate | Inflate,
    private readonly maxOutput = Infinity,
  ) {
    z.on('error', (e: Error) => (this.failure ??= e));
  }

  run(input: Buffer): Promise<Buffer> {
    const next = this.queue.then(() => this.flushThrough(input));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Fails every call still queued or made later: a closed zlib stream would answer each with no bytes at all. */
  close(): void {
    this.failure ??= new Error('the header compression context is closed');
    this.z.close();
  }

  private flushThrough(input: Buffer): Promise<Buffer> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size <= this.maxOutput) return void chunks.push(chunk);
        this.failure ??= new Error(`a header block inflates past ${this.maxOutput} bytes`);
        this.z.off('data', onData);
        this.z.close();
        reject(this.failure);
      };
      const onError = (e: Error) => {
        this.z.off('data', onData);
        reject(e);
      };
      this.z.on('data', onData);
      this.z.once('error', onError);
      this.z.write(input);
      this.z.flush(constants.Z_SYNC_FLUSH, () => {
        this.z.off('data', onData);
        this.z.off('error', onError);
        if (this.failure) reject(this.failure);
        else resolve(Buffer.concat(chunks));
      });
    });
  }
}

/** Compresses the header blocks this end sends. */
export class HeaderCompressor {
  private readonly context = new ZlibContext(createDeflate({ dictionary: SPDY3_DICTIONARY }));

  compress(block: Buffer): Promise<Buffer> {
    return this.context.run(block);
  }

  close(): void {
    this.context.close();
  }
}

/** Decompresses the header blocks the peer sends; a corrupt block fails this and every later one. */
export class HeaderDecompressor {
  private readonly context = new ZlibContext(createInflate({ dictionary: SPDY3_DICTIONARY }), MAX_HEADER_BLOCK);

  async decompress(compressed: Buffer): Promise<Buffer> {
    try {
      return await this.context.run(compressed);
    } catch (e) {
      throw new SpdyProtocolError(`corrupt header block: ${(e as Error).message}`);
    }
  }

  close(): void {
    this.context.close();
  }
}
