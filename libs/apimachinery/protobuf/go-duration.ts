// Formats nanoseconds as Go's time.Duration.String does ("1h0m0s", "1.5s", "300ms"): the JSON form
// of meta/v1 Duration.

const units: [string, bigint][] = [
  ['ns', 1n],
  ['µs', 1_000n],
  ['ms', 1_000_000n],
];

/** "1.500" → "1.5", "2.000" → "2": Go prints a fraction only as long as it needs. */
const withFraction = (whole: bigint, fraction: bigint, digits: number): string => {
  const text = fraction.toString().padStart(digits, '0').replace(/0+$/, '');
  return text ? `${whole}.${text}` : `${whole}`;
};

export const formatGoDuration = (nanos: bigint): string => {
  const sign = nanos < 0n ? '-' : '';
  const n = nanos < 0n ? -nanos : nanos;
  if (n === 0n) return '0s';
  if (n < 1_000_000_000n) {
    const [unit, size] = [...units].reverse().find(([, s]) => n >= s) ?? units[0];
    const digits = size.toString().length - 1;
    return `${sign}${withFraction(n / size, n % size, digits)}${unit}`;
  }
  const seconds = withFraction((n / 1_000_000_000n) % 60n, n % 1_000_000_000n, 9);
  const totalMinutes = n / 60_000_000_000n;
  if (totalMinutes === 0n) return `${sign}${seconds}s`;
  const hours = totalMinutes / 60n;
  const minutes = totalMinutes % 60n;
  return hours === 0n ? `${sign}${minutes}m${seconds}s` : `${sign}${hours}h${minutes}m${seconds}s`;
};
