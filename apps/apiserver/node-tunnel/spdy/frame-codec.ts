// Encodes SPDY/3.1 frames to bytes and reads them back from a byte stream that may split or join
// frames anywhere, as a TCP or TLS socket delivers them.
import {
  ControlType,
  MAX_FRAME_PAYLOAD,
  OutgoingFrame,
  SPDY_VERSION,
  SpdyFrame,
  SpdyProtocolError,
  SpdySetting,
} from './frames';

const HEADER_BYTES = 8;
const FLAG_FIN = 0x01;
const FLAG_UNIDIRECTIONAL = 0x02;
const FLAG_CLEAR_SETTINGS = 0x01;
const ID_MASK = 0x7fffffff;

const controlFrame = (type: number, flags: number, payload: Buffer): Buffer => {
  if (payload.length > MAX_FRAME_PAYLOAD)
    throw new RangeError(`a SPDY frame carries at most ${MAX_FRAME_PAYLOAD} bytes`);
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt16BE(0x8000 | SPDY_VERSION, 0);
  header.writeUInt16BE(type, 2);
  header.writeUInt32BE(((flags << 24) | payload.length) >>> 0, 4);
  return Buffer.concat([header, payload]);
};

const words = (...values: number[]): Buffer => {
  const b = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => b.writeUInt32BE(v >>> 0, i * 4));
  return b;
};

const fin = (set: boolean): number => (set ? FLAG_FIN : 0);

export const encodeFrame = (frame: OutgoingFrame): Buffer => {
  switch (frame.type) {
    case 'data': {
      if (frame.data.length > MAX_FRAME_PAYLOAD)
        throw new RangeError(`a SPDY frame carries at most ${MAX_FRAME_PAYLOAD} bytes`);
      const header = words(frame.streamId & ID_MASK, (fin(frame.fin) << 24) | frame.data.length);
      return Buffer.concat([header, frame.data]);
    }
    case 'synStream': {
      const fixed = Buffer.alloc(10);
      fixed.writeUInt32BE(frame.streamId & ID_MASK, 0);
      fixed.writeUInt32BE(frame.associatedStreamId & ID_MASK, 4);
      fixed[8] = (frame.priority & 0x07) << 5;
      const flags = fin(frame.fin) | (frame.unidirectional ? FLAG_UNIDIRECTIONAL : 0);
      return controlFrame(ControlType.synStream, flags, Buffer.concat([fixed, frame.headerBlock]));
    }
    case 'synReply':
      return controlFrame(
        ControlType.synReply,
        fin(frame.fin),
        Buffer.concat([words(frame.streamId & ID_MASK), frame.headerBlock]),
      );
    case 'headers':
      return controlFrame(
        ControlType.headers,
        fin(frame.fin),
        Buffer.concat([words(frame.streamId & ID_MASK), frame.headerBlock]),
      );
    case 'rstStream':
      return controlFrame(ControlType.rstStream, 0, words(frame.streamId & ID_MASK, frame.status));
    case 'settings': {
      const entries = frame.settings.map((s) => words(((s.flags << 24) | (s.id & 0xffffff)) >>> 0, s.value));
      return controlFrame(
        ControlType.settings,
        frame.clearSettings ? FLAG_CLEAR_SETTINGS : 0,
        Buffer.concat([words(frame.settings.length), ...entries]),
      );
    }
    case 'ping':
      return controlFrame(ControlType.ping, 0, words(frame.id));
    case 'goAway':
      return controlFrame(ControlType.goAway, 0, words(frame.lastGoodStreamId & ID_MASK, frame.status));
    case 'windowUpdate':
      return controlFrame(ControlType.windowUpdate, 0, words(frame.streamId & ID_MASK, frame.delta & ID_MASK));
  }
};

const needs = (payload: Buffer, bytes: number, what: string): void => {
  if (payload.length < bytes) throw new SpdyProtocolError(`${what} frame too short: ${payload.length} bytes`);
};

const decodeControl = (type: number, flags: number, payload: Buffer): SpdyFrame => {
  const id = (offset: number) => payload.readUInt32BE(offset) & ID_MASK;
  switch (type) {
    case ControlType.synStream:
      needs(payload, 10, 'SYN_STREAM');
      return {
        type: 'synStream',
        streamId: id(0),
        associatedStreamId: id(4),
        priority: payload[8] >> 5,
        fin: (flags & FLAG_FIN) !== 0,
        unidirectional: (flags & FLAG_UNIDIRECTIONAL) !== 0,
        headerBlock: payload.subarray(10),
      };
    case ControlType.synReply:
    case ControlType.headers:
      needs(payload, 4, type === ControlType.synReply ? 'SYN_REPLY' : 'HEADERS');
      return {
        type: type === ControlType.synReply ? 'synReply' : 'headers',
        streamId: id(0),
        fin: (flags & FLAG_FIN) !== 0,
        headerBlock: payload.subarray(4),
      };
    case ControlType.rstStream:
      needs(payload, 8, 'RST_STREAM');
      return { type: 'rstStream', streamId: id(0), status: payload.readUInt32BE(4) };
    case ControlType.settings: {
      needs(payload, 4, 'SETTINGS');
      const count = payload.readUInt32BE(0);
      needs(payload, 4 + count * 8, 'SETTINGS');
      const settings: SpdySetting[] = [];
      for (let i = 0; i < count; i++) {
        const at = 4 + i * 8;
        settings.push({ flags: payload[at], id: payload.readUIntBE(at + 1, 3), value: payload.readUInt32BE(at + 4) });
      }
      return { type: 'settings', clearSettings: (flags & FLAG_CLEAR_SETTINGS) !== 0, settings };
    }
    case ControlType.ping:
      needs(payload, 4, 'PING');
      return { type: 'ping', id: payload.readUInt32BE(0) };
    case ControlType.goAway:
      needs(payload, 4, 'GOAWAY');
      // SPDY/2 peers send no status; SPDY/3 ones do.
      return { type: 'goAway', lastGoodStreamId: id(0), status: payload.length >= 8 ? payload.readUInt32BE(4) : 0 };
    case ControlType.windowUpdate:
      needs(payload, 8, 'WINDOW_UPDATE');
      return { type: 'windowUpdate', streamId: id(0), delta: id(4) };
    default:
      return { type: 'unknown', frameType: type };
  }
};

/** Control frames carry header blocks, settings and the like: a real client's stay far below this. */
export const MAX_CONTROL_PAYLOAD = 1024 * 1024;

/**
 * Data frames carry a client's stdin or a forwarded connection's bytes as it writes them: kubectl's
 * spdystream writes what io.Copy read (32 KiB at most), and 64 KiB is all the window we grant. A
 * frame's length field would allow 16 MiB, held whole before it is handed on; refused past this.
 */
export const MAX_DATA_PAYLOAD = 1024 * 1024;

/**
 * Accumulates socket bytes and yields every frame they complete, in order. Chunks are kept as they
 * come and joined once per frame, so a large frame arriving in many small chunks costs one copy.
 */
export class FrameReader {
  private chunks: Buffer[] = [];
  private length = 0;

  push(chunk: Buffer): SpdyFrame[] {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.length += chunk.length;
    }
    const frames: SpdyFrame[] = [];
    while (this.length >= HEADER_BYTES) {
      const header = this.peek(HEADER_BYTES);
      const payloadLength = header.readUInt32BE(4) & MAX_FRAME_PAYLOAD;
      const control = (header[0] & 0x80) !== 0;
      const limit = control ? MAX_CONTROL_PAYLOAD : MAX_DATA_PAYLOAD;
      if (payloadLength > limit) {
        throw new SpdyProtocolError(
          `a ${control ? 'control' : 'data'} frame of ${payloadLength} bytes exceeds ${limit}`,
        );
      }
      if (this.length < HEADER_BYTES + payloadLength) break;
      frames.push(this.decode(this.take(HEADER_BYTES + payloadLength)));
    }
    return frames;
  }

  /** The first bytes buffered, joining the leading chunks only when the first is too short. */
  private peek(bytes: number): Buffer {
    if (this.chunks[0].length < bytes) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0].subarray(0, bytes);
  }

  /** Removes and returns the first bytes buffered (the caller knows that many are). */
  private take(bytes: number): Buffer {
    let count = 0;
    for (let covered = 0; covered < bytes; count++) covered += this.chunks[count].length;
    const joined = count === 1 ? this.chunks[0] : Buffer.concat(this.chunks.slice(0, count));
    const rest = joined.subarray(bytes);
    this.chunks = rest.length > 0 ? [rest, ...this.chunks.slice(count)] : this.chunks.slice(count);
    this.length -= bytes;
    return joined.subarray(0, bytes);
  }

  private decode(bytes: Buffer): SpdyFrame {
    // Copied out of the accumulated buffer so that a frame kept by its consumer does not pin it.
    const payload = Buffer.from(bytes.subarray(HEADER_BYTES));
    const flags = bytes[4];
    const first = bytes.readUInt32BE(0);
    if ((first & 0x80000000) === 0)
      return { type: 'data', streamId: first & ID_MASK, fin: (flags & FLAG_FIN) !== 0, data: payload };
    const version = (first >>> 16) & 0x7fff;
    if (version !== SPDY_VERSION) throw new SpdyProtocolError(`unsupported SPDY version ${version}`);
    return decodeControl(first & 0xffff, flags, payload);
  }
}
