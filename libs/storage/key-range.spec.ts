// Prefix to key-range conversion.
import { prefixEnd } from './key-range';

describe('prefixEnd', () => {
  it.each([
    { prefix: '/registry/pods/', want: '/registry/pods0' },
    { prefix: 'a', want: 'b' },
    { prefix: '', want: undefined },
    { prefix: 'a\u{10ffff}', want: 'b' },
    { prefix: '\u{10ffff}', want: undefined },
    { prefix: 'a\ud7ff', want: 'a\ue000' },
  ])('$prefix', ({ prefix, want }) => {
    expect(prefixEnd(prefix)).toBe(want);
  });
});
