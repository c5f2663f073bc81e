// Go's time.Duration.String, which meta/v1 Duration uses as its JSON form.
import { formatGoDuration } from './go-duration';

describe('formatGoDuration', () => {
  it.each([
    [0n, '0s'],
    [1n, '1ns'],
    [1_500n, '1.5µs'],
    [300_000_000n, '300ms'],
    [1_000_000_000n, '1s'],
    [1_500_000_000n, '1.5s'],
    [60_000_000_000n, '1m0s'],
    [90_000_000_000n, '1m30s'],
    [3_600_000_000_000n, '1h0m0s'],
    [3_723_000_000_001n, '1h2m3.000000001s'],
    [-2_000_000_000n, '-2s'],
    [-1_500_000n, '-1.5ms'],
  ])('%s → %s', (nanos, expected) => {
    expect(formatGoDuration(nanos)).toBe(expected);
  });
});
