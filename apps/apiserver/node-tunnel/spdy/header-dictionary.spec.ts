import { SPDY3_DICTIONARY } from './header-dictionary';

const adler32 = (bytes: Buffer): number => {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
};

describe('SPDY/3 header dictionary', () => {
  // A peer checks the dictionary by its Adler-32 (the zlib DICTID): one wrong byte breaks every header block.
  it('is the 1423 bytes of the draft, Adler-32 e3c6a7c2', () => {
    expect(SPDY3_DICTIONARY.length).toBe(1423);
    expect(adler32(SPDY3_DICTIONARY).toString(16)).toBe('e3c6a7c2');
  });
});
