// resource.Quantity (k8s.io/apimachinery/pkg/api/resource): parsing `100m`, `1.5Gi`, `2e3`, ...,
// exact values in nano units, and the canonical string kube-apiserver writes back.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value in units of 10^-9, rounded away from zero as upstream rounds to nano precision. */
  readonly nanos: bigint;
  readonly format: QuantityFormat;
}

export class QuantityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuantityError';
  }
}

const formatWrong = (): QuantityError =>
  new QuantityError("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
const suffixWrong = (): QuantityError => new QuantityError("unable to parse quantity's suffix");

const nano = 1_000_000_000n;
const maxBinary = 2n ** 63n - 1n;
const decimalSuffixes: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binarySuffixes: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

// Splits as upstream's parseQuantityString: sign, integer digits, fraction digits, suffix.
const split = (s: string): { negative: boolean; num: string; denom: string; suffix: string } => {
  let pos = 0;
  let negative = false;
  if (s[0] === '-' || s[0] === '+') {
    negative = s[0] === '-';
    pos++;
  }
  while (s[pos] === '0') pos++;
  if (pos >= s.length) return { negative, num: '0', denom: '', suffix: '' };
  let start = pos;
  while (isDigit(s[pos])) pos++;
  const num = s.slice(start, pos) || '0';
  let denom = '';
  if (s[pos] === '.') {
    start = ++pos;
    while (isDigit(s[pos])) pos++;
    denom = s.slice(start, pos);
  }
  const suffixStart = pos;
  while (pos < s.length && 'eEinumkKMGTP'.includes(s[pos])) pos++;
  if (s[pos] === '-' || s[pos] === '+') pos++;
  while (isDigit(s[pos])) pos++;
  if (pos < s.length) throw formatWrong();
  return { negative, num, denom, suffix: s.slice(suffixStart) };
};

const interpretSuffix = (suffix: string): { base: 10 | 2; exponent: number; format: QuantityFormat } => {
  if (Object.prototype.hasOwnProperty.call(decimalSuffixes, suffix))
    return { base: 10, exponent: decimalSuffixes[suffix], format: 'DecimalSI' };
  if (Object.prototype.hasOwnProperty.call(binarySuffixes, suffix))
    return { base: 2, exponent: binarySuffixes[suffix], format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) {
    const exponent = Number(suffix.slice(1));
    if (Math.abs(exponent) > 2 ** 31) throw suffixWrong();
    return { base: 10, exponent, format: 'DecimalExponent' };
  }
  throw suffixWrong();
};

/** Parses a quantity string; anything resource.ParseQuantity refuses throws a QuantityError with its message. */
export const parseQuantity = (input: string | number): Quantity => {
  const s = typeof input === 'number' ? String(input) : input.trim();
  if (s.length === 0) throw formatWrong();
  const { negative, num, denom, suffix } = split(s);
  const { base, exponent, format: parsedFormat } = interpretSuffix(suffix);
  let magnitude = BigInt(num + denom) * (base === 2 ? 2n ** BigInt(exponent) : 1n);
  const scale = 9 + (base === 10 ? exponent : 0) - denom.length;
  if (scale >= 0) magnitude *= 10n ** BigInt(scale);
  else {
    const divisor = 10n ** BigInt(-scale);
    magnitude = (magnitude + divisor - 1n) / divisor;
  }
  let format = parsedFormat;
  if (format === 'BinarySI') {
    if (magnitude > maxBinary * nano) magnitude = maxBinary * nano;
    if (magnitude > 0n && magnitude < nano) format = 'DecimalSI';
  }
  return { nanos: negative ? -magnitude : magnitude, format };
};

/** True when the string is a valid quantity. */
export const isQuantity = (s: string): boolean => {
  try {
    parseQuantity(s);
    return true;
  } catch {
    return false;
  }
};

const abs = (n: bigint): bigint => (n < 0n ? -n : n);

/** The canonical form, as Quantity.String() writes it (`1.5Gi` → `1536Mi`, `0.1` → `100m`). */
export const quantityToString = (q: Quantity): string => {
  if (q.nanos === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI' && (abs(q.nanos) < 1024n * nano || q.nanos % nano !== 0n)) format = 'DecimalSI';
  if (format === 'BinarySI') {
    let n = q.nanos / nano;
    let k = 0;
    while (k < 6 && n % 1024n === 0n) {
      n /= 1024n;
      k++;
    }
    return `${n}${k === 0 ? '' : Object.keys(binarySuffixes)[k - 1]}`;
  }
  let mantissa = q.nanos;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  const r = ((exponent % 3) + 3) % 3;
  mantissa *= 10n ** BigInt(r);
  exponent -= r;
  if (format === 'DecimalExponent' || exponent > 18) return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  const suffix = Object.keys(decimalSuffixes).find((k) => decimalSuffixes[k] === exponent) ?? '';
  return `${mantissa}${suffix}`;
};

/** Parses and writes back the canonical form: what kube-apiserver stores for a quantity field. */
export const canonicalQuantity = (s: string | number): string => quantityToString(parseQuantity(s));

// Division rounding away from zero, as Quantity.ScaledValue rounds.
const ceilDiv = (n: bigint, d: bigint): bigint => (n >= 0n ? (n + d - 1n) / d : -((-n + d - 1n) / d));

/** Quantity.Value(): whole units, rounded up (memory in bytes). */
export const quantityValue = (q: Quantity): number => Number(ceilDiv(q.nanos, nano));

/** Quantity.MilliValue(): thousandths, rounded up (CPU in millicores). */
export const quantityMilliValue = (q: Quantity): number => Number(ceilDiv(q.nanos, 1_000_000n));

/** The value as a JavaScript number (CPU in cores: `100m` → 0.1). */
export const quantityAsNumber = (q: Quantity): number => Number(q.nanos) / 1e9;

export const compareQuantities = (a: Quantity, b: Quantity): number =>
  a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;

/** The sum, in the format of the first non-zero operand, as Quantity.Add keeps it. */
export const addQuantities = (a: Quantity, b: Quantity): Quantity => ({
  nanos: a.nanos + b.nanos,
  format: a.nanos === 0n ? b.format : a.format,
});

export const zeroQuantity: Quantity = { nanos: 0n, format: 'DecimalSI' };
