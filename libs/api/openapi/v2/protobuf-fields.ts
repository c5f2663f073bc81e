// Writes proto3 fields with protobufjs's Writer: scalars at their default value are left out,
// as proto3 encoders do, while a present message is written even when empty.
import { Writer } from 'protobufjs/minimal';

export type Encode<T> = (w: Writer, value: T) => void;

const VARINT = 0;
const LENGTH_DELIMITED = 2;
const tag = (field: number, wireType: number): number => ((field << 3) | wireType) >>> 0;

export function writeString(w: Writer, field: number, value: string | undefined): void {
  if (value) w.uint32(tag(field, LENGTH_DELIMITED)).string(value);
}

/** Every element of a repeated string, empty ones included. */
export function writeStrings(w: Writer, field: number, values: readonly string[] | undefined): void {
  for (const value of values ?? []) w.uint32(tag(field, LENGTH_DELIMITED)).string(value);
}

export function writeBool(w: Writer, field: number, value: boolean | undefined): void {
  if (value) w.uint32(tag(field, VARINT)).bool(true);
}

/** A bool inside a oneof: present even when false, since presence selects the branch. */
export function writeOneofBool(w: Writer, field: number, value: boolean): void {
  w.uint32(tag(field, VARINT)).bool(value);
}

export function writeMessage<T>(w: Writer, field: number, value: T | undefined, encode: Encode<T>): void {
  if (value === undefined) return;
  w.uint32(tag(field, LENGTH_DELIMITED)).fork();
  encode(w, value);
  w.ldelim();
}

export function writeMessages<T>(w: Writer, field: number, values: readonly T[] | undefined, encode: Encode<T>): void {
  for (const value of values ?? []) writeMessage(w, field, value, encode);
}
