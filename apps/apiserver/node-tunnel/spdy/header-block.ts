// SPDY/3 name/value header blocks before compression: a 32-bit pair count, then each name and value
// with a 32-bit length; names are lowercase and a value holds several values NUL-separated.
import { SpdyProtocolError } from './frames';

/** Header values by lowercase name. */
export type SpdyHeaders = Record<string, string[]>;

const lengthPrefixed = (text: string): Buffer => {
  const bytes = Buffer.from(text, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
};

export const encodeHeaderBlock = (headers: SpdyHeaders): Buffer => {
  const names = Object.keys(headers);
  const count = Buffer.alloc(4);
  count.writeUInt32BE(names.length);
  return Buffer.concat([
    count,
    ...names.flatMap((name) => [lengthPrefixed(name.toLowerCase()), lengthPrefixed(headers[name].join('\0'))]),
  ]);
};

export const decodeHeaderBlock = (block: Buffer): SpdyHeaders => {
  let at = 0;
  const take = (): string => {
    if (at + 4 > block.length) throw new SpdyProtocolError('truncated header block');
    const length = block.readUInt32BE(at);
    if (at + 4 + length > block.length) throw new SpdyProtocolError('truncated header block');
    const text = block.toString('utf8', at + 4, at + 4 + length);
    at += 4 + length;
    return text;
  };
  if (block.length < 4) throw new SpdyProtocolError('truncated header block');
  const count = block.readUInt32BE(0);
  at = 4;
  // No prototype: a client's header names (__proto__, constructor) are only ever keys.
  const headers: SpdyHeaders = Object.create(null) as SpdyHeaders;
  for (let i = 0; i < count; i++) {
    // As spdystream reads them: a name in capitals is lowered, repeated names add values.
    const name = take().toLowerCase();
    headers[name] = [...(headers[name] ?? []), ...take().split('\0')];
  }
  return headers;
};

/** A header's first value, as Go's http.Header.Get finds it. */
export const headerValue = (headers: SpdyHeaders, name: string): string | undefined => headers[name.toLowerCase()]?.[0];
