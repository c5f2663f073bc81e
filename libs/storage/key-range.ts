// Turns a key prefix into a half-open key range, so prefix scans use the primary-key index.

/**
 * The smallest string greater than every string starting with prefix, or undefined when none
 * exists (empty prefix). Keys are compared bytewise (COLLATE "C"), i.e. by code point.
 */
export function prefixEnd(prefix: string): string | undefined {
  const codePoints = Array.from(prefix, (c) => c.codePointAt(0) as number);
  while (codePoints.length > 0) {
    let last = (codePoints.pop() as number) + 1;
    if (last >= 0xd800 && last <= 0xdfff) last = 0xe000;
    if (last <= 0x10ffff) return String.fromCodePoint(...codePoints, last);
  }
  return undefined;
}
