// Parsers from flag text to typed values. Text that cannot be parsed is returned as is, so that the
// class-validator rules reject it with the flag's own message.
import { resolve } from 'node:path';
import { parseQuantity } from '@kubenest/apimachinery/quantity';

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

export const asString = (raw: string): string => raw;

export const asInteger = (raw: string): number | string => (/^[+-]?\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw);

export const asBoolean = (raw: string): boolean | string => (raw === 'true' ? true : raw === 'false' ? false : raw);

export const asAbsolutePath = (raw: string): string => resolve(raw);

export const asQuantity = (raw: string): string => raw.trim();

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
