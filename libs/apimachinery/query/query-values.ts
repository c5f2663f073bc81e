// Reading one query parameter the way Go's url.Values conversion does: the first value wins.
import { StatusError } from '../status-error';

export type QueryParams = Record<string, string | string[] | undefined>;

export const firstValue = (query: QueryParams, name: string): string | undefined => {
  const v = query[name];
  return Array.isArray(v) ? v[0] : v;
};

export const allValues = (query: QueryParams, name: string): string[] => {
  const v = query[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;

/** strconv.ParseInt(s, 10, 64); a bad value is the 400 kube-apiserver answers, quoting Go's error. */
export const parseInt64 = (s: string): number => {
  if (!/^[+-]?\d+$/.test(s))
    throw StatusError.badRequest(`strconv.ParseInt: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = BigInt(s);
  if (n < int64Min || n > int64Max)
    throw StatusError.badRequest(`strconv.ParseInt: parsing ${JSON.stringify(s)}: value out of range`);
  return Number(n);
};
