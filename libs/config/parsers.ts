// Parsers from flag or environment text to typed setting values; unparseable text is returned as
// is so that the class-validator rules reject it with the setting's own message.
import { resolve } from 'node:path';
import { parseQuantity } from '@kubenest/apimachinery/quantity';

export const asString = (raw: string): string => raw;

/** For settings that are one word from a list, such as a log level. */
export const asLowerCase = (raw: string): string => raw.trim().toLowerCase();

export const asInteger = (raw: string): number | string => (/^[+-]?\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw);

/** A decimal number such as 0.1, as Go's ParseFloat reads a rate flag (no exponent, no hex). */
export const asNumber = (raw: string): number | string =>
  /^[+-]?(\d+\.?\d*|\.\d+)$/.test(raw.trim()) ? Number(raw.trim()) : raw;

const TRUE_WORDS = new Set(['1', 't', 'true', 'yes', 'y', 'on']);
const FALSE_WORDS = new Set(['0', 'f', 'false', 'no', 'n', 'off']);

/** Accepts Go's strconv.ParseBool spellings plus yes/no/on/off, case-insensitive. */
export const asBoolean = (raw: string): boolean | string => {
  const word = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return raw;
};

/** Exactly true or false. */
export const asTrueOrFalse = (raw: string): boolean | string => (raw === 'true' ? true : raw === 'false' ? false : raw);

/** Relative paths are taken from the working directory at start-up. */
export const asAbsolutePath = (raw: string): string => resolve(raw);

export const asQuantity = (raw: string): string => raw.trim();

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

/** `k=v,k2=v2` as kubelet's --node-labels; a value may be empty, a key may not be repeated. */
export const asLabels = (raw: string): Record<string, string> | string => {
  const labels: Record<string, string> = {};
  for (const pair of raw.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return raw;
    const key = pair.slice(0, eq).trim();
    if (key in labels) return raw;
    labels[key] = pair.slice(eq + 1).trim();
  }
  return labels;
};

/** `key=value:Effect` or `key:Effect`, comma-separated, as kubelet's --register-with-taints. */
export const asTaints = (raw: string): Taint[] | string => {
  const taints: Taint[] = [];
  for (const item of raw.split(',')) {
    const match = /^([^=:]+)(?:=([^:]*))?:([A-Za-z]+)$/.exec(item.trim());
    if (!match) return raw;
    const [, key, value, effect] = match;
    taints.push(value === undefined ? { key, effect } : { key, value, effect });
  }
  return taints;
};

export const isPositiveQuantity = (value: unknown): boolean => {
  if (typeof value !== 'string') return false;
  try {
    return parseQuantity(value).nanos > 0n;
  } catch {
    return false;
  }
};
