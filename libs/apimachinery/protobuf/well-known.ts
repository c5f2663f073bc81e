// Messages whose JSON form is not an object of their fields: times, durations, quantities,
// int-or-string, and the embedded-JSON holders (RawExtension, FieldsV1).
import { Reader } from 'protobufjs/minimal';
import { checkBodyShape, jsonTextShape } from '../body-shape';
import { StatusError } from '../status-error';
import { CollectionCount } from './collection-count';
import { formatGoDuration } from './go-duration';
import { toBigInt } from './wire-numbers';

type WellKnownDecoder = (bytes: Uint8Array, count: CollectionCount) => unknown;

/** Reads a message's fields by number, keeping the last occurrence of each (protobuf's rule for singular fields). */
const readFields = (bytes: Uint8Array, read: (reader: Reader, field: number, wireType: number) => boolean): void => {
  const reader = Reader.create(bytes);
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (!read(reader, tag >>> 3, tag & 7)) reader.skipType(tag & 7);
  }
};

const readTimestamp = (bytes: Uint8Array): { seconds: bigint; nanos: number } => {
  let seconds = 0n;
  let nanos = 0;
  readFields(bytes, (reader, field, wireType) => {
    if (wireType !== 0) return false;
    if (field === 1) seconds = toBigInt(reader.int64());
    else if (field === 2) nanos = reader.int32();
    else return false;
    return true;
  });
  return { seconds, nanos };
};

const readBytesField = (bytes: Uint8Array): Uint8Array | undefined => {
  let raw: Uint8Array | undefined;
  readFields(bytes, (reader, field, wireType) => {
    if (field !== 1 || wireType !== 2) return false;
    raw = reader.bytes();
    return true;
  });
  return raw;
};

/** "2024-01-02T03:04:05" of a Unix time in seconds, UTC. */
const isoSeconds = (seconds: bigint): string => {
  const date = new Date(Number(seconds) * 1000);
  if (Number.isNaN(date.getTime())) throw StatusError.badRequest(`time out of range: ${seconds} seconds`);
  const iso = date.toISOString();
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) throw StatusError.badRequest(`time out of range: ${seconds} seconds`);
  return iso.slice(0, 19);
};

// Go encodes the zero time as an empty message and prints it as null.
const time: WellKnownDecoder = (bytes) => (bytes.length === 0 ? null : `${isoSeconds(readTimestamp(bytes).seconds)}Z`);

// Nanoseconds truncated to microseconds, as meta/v1 MicroTime keeps them.
const microTime: WellKnownDecoder = (bytes) => {
  if (bytes.length === 0) return null;
  const { seconds, nanos } = readTimestamp(bytes);
  const micros = Math.trunc(nanos / 1000);
  const carry = Math.floor(micros / 1_000_000);
  const fraction = String(micros - carry * 1_000_000).padStart(6, '0');
  return `${isoSeconds(seconds + BigInt(carry))}.${fraction}Z`;
};

const duration: WellKnownDecoder = (bytes) => {
  let nanos = 0n;
  readFields(bytes, (reader, field, wireType) => {
    if (field !== 1 || wireType !== 0) return false;
    nanos = toBigInt(reader.int64());
    return true;
  });
  return formatGoDuration(nanos);
};

const quantity: WellKnownDecoder = (bytes) => {
  let value = '0';
  readFields(bytes, (reader, field, wireType) => {
    if (field !== 1 || wireType !== 2) return false;
    value = reader.string() || '0';
    return true;
  });
  return value;
};

// {1 type (0 int, 1 string), 2 intVal, 3 strVal} → a JSON number or string.
const intOrString: WellKnownDecoder = (bytes) => {
  let type = 0;
  let intVal = 0;
  let strVal = '';
  readFields(bytes, (reader, field, wireType) => {
    if (field === 1 && wireType === 0) type = Number(toBigInt(reader.int64()));
    else if (field === 2 && wireType === 0) intVal = reader.int32();
    else if (field === 3 && wireType === 2) strVal = reader.string();
    else return false;
    return true;
  });
  return type === 1 ? strVal : intVal;
};

const embeddedJson =
  (what: string): WellKnownDecoder =>
  (bytes, count) => {
    const raw = readBytesField(bytes);
    if (raw === undefined || raw.length === 0) return null;
    const text = Buffer.from(raw).toString('utf8');
    // Checked as a JSON body is, before it is parsed.
    const shape = jsonTextShape(text);
    checkBodyShape(shape);
    count.add(shape.collections);
    try {
      return JSON.parse(text);
    } catch {
      throw StatusError.badRequest(`${what} does not hold JSON`);
    }
  };

export const wellKnownTypes: ReadonlyMap<string, WellKnownDecoder> = new Map([
  ['meta.v1.Time', time],
  ['meta.v1.MicroTime', microTime],
  ['meta.v1.Duration', duration],
  ['meta.v1.FieldsV1', embeddedJson('fieldsV1')],
  ['resource.Quantity', quantity],
  ['intstr.IntOrString', intOrString],
  ['runtime.RawExtension', embeddedJson('RawExtension')],
]);
