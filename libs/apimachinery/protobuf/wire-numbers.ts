// protobufjs hands 64-bit integers back as Long-like {low, high, unsigned} objects (or numbers);
// these turn them into JavaScript values, as Kubernetes' JSON form writes int64 fields as plain numbers.
import type { Long } from 'protobufjs/minimal';

export type Int64 = Long | number;

export const toBigInt = (value: Int64): bigint => {
  if (typeof value === 'number') return BigInt(value);
  const high = BigInt(value.unsigned ? value.high >>> 0 : value.high);
  return (high << 32n) + BigInt(value.low >>> 0);
};

export const toNumber = (value: Int64): number => Number(toBigInt(value));
