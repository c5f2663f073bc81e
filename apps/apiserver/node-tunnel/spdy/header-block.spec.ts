import { constants, inflateSync } from 'node:zlib';
import { decodeHeaderBlock, encodeHeaderBlock, headerValue, SpdyHeaders } from './header-block';
import { HeaderCompressor, HeaderDecompressor, MAX_HEADER_BLOCK } from './header-compression';
import { SPDY3_DICTIONARY } from './header-dictionary';
import { SpdyProtocolError } from './frames';

describe('SPDY header blocks', () => {
  it('encodes pairs with 32-bit lengths, lowercase names and NUL-joined values', () => {
    const block = encodeHeaderBlock({ StreamType: ['error'], v: ['a', 'b'] });
    expect(block.toString('latin1')).toBe(
      '\0\0\0\x02' + '\0\0\0\x0astreamtype' + '\0\0\0\x05error' + '\0\0\0\x01v' + '\0\0\0\x03a\0b',
    );
    expect(decodeHeaderBlock(block)).toEqual({ streamtype: ['error'], v: ['a', 'b'] });
    expect(headerValue(decodeHeaderBlock(block), 'streamType')).toBe('error');
  });

  it('encodes an empty block as a zero count', () => {
    expect(encodeHeaderBlock({})).toEqual(Buffer.alloc(4));
    expect(decodeHeaderBlock(Buffer.alloc(4))).toEqual({});
  });

  it('refuses a truncated block', () => {
    expect(() => decodeHeaderBlock(Buffer.from([0, 0, 0, 1, 0, 0, 0, 9, 97]))).toThrow(SpdyProtocolError);
  });

  it('compresses blocks as one dictionary-primed stream that a peer decompresses block by block', async () => {
    const compressor = new HeaderCompressor();
    const decompressor = new HeaderDecompressor();
    const headers: SpdyHeaders[] = [{ streamtype: ['error'] }, { streamtype: ['stdout'] }, {}];
    const blocks = headers.map(encodeHeaderBlock);
    const compressed = await Promise.all(blocks.map((b) => compressor.compress(b)));
    // Each block ends on a sync flush marker, so the peer can decode it without waiting for more.
    for (const c of compressed) expect(c.subarray(-4)).toEqual(Buffer.from([0, 0, 0xff, 0xff]));
    expect(
      inflateSync(Buffer.concat(compressed), { dictionary: SPDY3_DICTIONARY, finishFlush: constants.Z_SYNC_FLUSH }),
    ).toEqual(Buffer.concat(blocks));
    for (const [i, c] of compressed.entries()) expect(await decompressor.decompress(c)).toEqual(blocks[i]);
    compressor.close();
    decompressor.close();
  });

  it('fails on a corrupt compressed block', async () => {
    const decompressor = new HeaderDecompressor();
    await expect(decompressor.decompress(Buffer.from('not zlib at all'))).rejects.toThrow(SpdyProtocolError);
    decompressor.close();
  });

  it('fails the blocks still queued and those after once closed, rather than answering them empty', async () => {
    const compressor = new HeaderCompressor();
    const decompressor = new HeaderDecompressor();
    const block = await compressor.compress(encodeHeaderBlock({}));
    const queued = [decompressor.decompress(block), decompressor.decompress(block)];
    decompressor.close();
    compressor.close();
    for (const result of queued) await expect(result).rejects.toThrow(/closed/);
    await expect(decompressor.decompress(block)).rejects.toThrow(/closed/);
    await expect(compressor.compress(encodeHeaderBlock({}))).rejects.toThrow(/closed/);
  });

  it.each(['__proto__', 'constructor', 'tostring'])('keeps a header named %s as a plain key', (name) => {
    const headers = decodeHeaderBlock(encodeHeaderBlock({ [name]: ['x'], streamtype: ['error'] }));
    expect(headerValue(headers, name)).toBe('x');
    expect(headerValue(headers, 'streamType')).toBe('error');
    expect(Object.keys(headers)).toEqual([name, 'streamtype']);
  });

  it('leaves a header absent when only the prototype has that name', () => {
    expect(headerValue(decodeHeaderBlock(encodeHeaderBlock({ streamtype: ['error'] })), 'constructor')).toBeUndefined();
  });

  it('fails a block that inflates past the limit, and every block after it', async () => {
    const compressor = new HeaderCompressor();
    const decompressor = new HeaderDecompressor();
    const bomb = await compressor.compress(Buffer.alloc(MAX_HEADER_BLOCK + 1));
    expect(bomb.length).toBeLessThan(64 * 1024);
    await expect(decompressor.decompress(bomb)).rejects.toThrow(SpdyProtocolError);
    const next = await compressor.compress(encodeHeaderBlock({ streamtype: ['error'] }));
    await expect(decompressor.decompress(next)).rejects.toThrow(SpdyProtocolError);
    compressor.close();
    decompressor.close();
  });

  it('inflates a block just within the limit', async () => {
    const compressor = new HeaderCompressor();
    const decompressor = new HeaderDecompressor();
    const block = Buffer.alloc(MAX_HEADER_BLOCK, 1);
    // Buffer.equals: jest's deep equality walks a megabyte byte by byte.
    expect((await decompressor.decompress(await compressor.compress(block))).equals(block)).toBe(true);
    compressor.close();
    decompressor.close();
  });
});
