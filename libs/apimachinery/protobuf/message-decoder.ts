// Decodes one protobuf message into its Kubernetes JSON form, walking our schema tables.
// Fields the schema does not know are skipped, as a newer client may send fields we do not serve.
import { Reader } from 'protobufjs/minimal';
import { StatusError } from '../status-error';
import { CollectionCount } from './collection-count';
import { FieldDescriptor, isScalar, ScalarType } from './schema/message-table';
import { messages } from './schema/messages';
import { wellKnownTypes } from './well-known';
import { toNumber } from './wire-numbers';

type JsonObject = Record<string, unknown>;

const wireTypes: Record<ScalarType, number> = {
  string: 2,
  bytes: 2,
  bool: 0,
  int32: 0,
  int64: 0,
  uint32: 0,
  uint64: 0,
  double: 1,
  float: 5,
};

const expectedWireType = (type: string): number => (isScalar(type) ? wireTypes[type] : 2);

const readScalar = (reader: Reader, type: ScalarType): string | number | boolean => {
  switch (type) {
    case 'string':
      return reader.string();
    case 'bytes':
      return Buffer.from(reader.bytes()).toString('base64');
    case 'bool':
      return reader.bool();
    case 'int32':
      return reader.int32();
    case 'uint32':
      return reader.uint32();
    case 'int64':
      return toNumber(reader.int64());
    case 'uint64':
      return toNumber(reader.uint64());
    case 'double':
      return reader.double();
    case 'float':
      return reader.float();
  }
};

const readDefault = (type: ScalarType): string | number | boolean =>
  type === 'string' || type === 'bytes' ? '' : type === 'bool' ? false : 0;

const isZero = (value: unknown): boolean => value === '' || value === 0 || value === false;

const checkWireType = (field: FieldDescriptor, actual: number, expected: number): void => {
  if (actual !== expected) throw StatusError.badRequest(`proto: wrong wireType = ${actual} for field ${field.json}`);
};

const readValue = (reader: Reader, type: string, count: CollectionCount): unknown =>
  isScalar(type) ? readScalar(reader, type) : decodeMessage(reader.bytes(), type, count);

// Packed (one length-delimited run) or not, as proto2 readers must accept both for numeric types.
const readRepeated = (
  reader: Reader,
  wireType: number,
  field: FieldDescriptor,
  into: unknown[],
  count: CollectionCount,
) => {
  const packable = isScalar(field.type) && expectedWireType(field.type) !== 2;
  if (packable && wireType === 2) {
    const end = reader.uint32() + reader.pos;
    while (reader.pos < end) into.push(readScalar(reader, field.type as ScalarType));
    if (reader.pos !== end) throw StatusError.badRequest(`proto: bad packed field ${field.json}`);
    return;
  }
  checkWireType(field, wireType, expectedWireType(field.type));
  into.push(readValue(reader, field.type, count));
};

// A map entry is a message {1 key, 2 value}; either may be absent and then takes its zero value.
const readMapEntry = (bytes: Uint8Array, field: FieldDescriptor, count: CollectionCount): [string, unknown] => {
  const reader = Reader.create(bytes);
  const keyType = field.key ?? 'string';
  let key: unknown = readDefault(keyType);
  let value: unknown = undefined;
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const wireType = tag & 7;
    if (tag >>> 3 === 1 && wireType === expectedWireType(keyType)) key = readScalar(reader, keyType);
    else if (tag >>> 3 === 2 && wireType === expectedWireType(field.type)) value = readValue(reader, field.type, count);
    else reader.skipType(wireType);
  }
  if (value === undefined)
    value = isScalar(field.type) ? readDefault(field.type) : decodeMessage(new Uint8Array(), field.type, count);
  return [String(key), value];
};

// Lists and maps are made on their first entry, and counted then.
const collection = <T>(object: JsonObject, field: FieldDescriptor, make: () => T, count: CollectionCount): T => {
  if (object[field.json] === undefined) {
    count.add();
    object[field.json] = make();
  }
  return object[field.json] as T;
};

const readField = (
  reader: Reader,
  wireType: number,
  field: FieldDescriptor,
  object: JsonObject,
  count: CollectionCount,
) => {
  if (field.shape === 'repeated') {
    readRepeated(
      reader,
      wireType,
      field,
      collection(object, field, () => [], count),
      count,
    );
    return;
  }
  if (field.shape === 'map') {
    checkWireType(field, wireType, 2);
    const map = collection<JsonObject>(object, field, () => ({}), count);
    const [key, value] = readMapEntry(reader.bytes(), field, count);
    // defineProperty, so that a key such as "__proto__" stays a plain entry.
    Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
    return;
  }
  checkWireType(field, wireType, expectedWireType(field.type));
  const value = readValue(reader, field.type, count);
  if (field.inline) Object.assign(object, value);
  else if (!isScalar(field.type) || field.keepZero || !isZero(value)) object[field.json] = value;
  else delete object[field.json];
};

// The field a wrapper message stands for, per message type: looked up once, not for every message decoded.
const unwrapped = new Map<string, FieldDescriptor | undefined>();

const unwrappedField = (type: string, descriptor: Map<number, FieldDescriptor>): FieldDescriptor | undefined => {
  if (!unwrapped.has(type))
    unwrapped.set(
      type,
      [...descriptor.values()].find((f) => f.unwrap),
    );
  return unwrapped.get(type);
};

/**
 * The JSON form of `bytes` encoded as message `type` (a name in our schema tables). Every message,
 * list and map made is counted in `count`, which refuses a body that would make too many.
 */
export const decodeMessage = (bytes: Uint8Array, type: string, count = new CollectionCount()): unknown => {
  const wellKnown = wellKnownTypes.get(type);
  if (wellKnown) return wellKnown(bytes, count);
  const descriptor = messages.get(type);
  if (!descriptor) throw new Error(`protobuf schema has no message ${type}`);
  count.add();
  const object: JsonObject = {};
  const reader = Reader.create(bytes);
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 === 0) throw StatusError.badRequest('proto: illegal tag 0');
    const field = descriptor.get(tag >>> 3);
    if (!field) reader.skipType(tag & 7);
    else readField(reader, tag & 7, field, object, count);
  }
  const wrapped = unwrappedField(type, descriptor);
  return wrapped ? (object[wrapped.json] ?? []) : object;
};
