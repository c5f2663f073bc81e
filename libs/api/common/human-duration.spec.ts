import { humanDuration, timeSince } from './human-duration';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration', () => {
  it.each([
    { ms: -3 * s, want: '<invalid>' },
    { ms: -1 * s, want: '0s' },
    { ms: 5 * s, want: '5s' },
    { ms: 119 * s, want: '119s' },
    { ms: 3 * m + 2 * s, want: '3m2s' },
    { ms: 5 * m, want: '5m' },
    { ms: 45 * m, want: '45m' },
    { ms: 3 * h + 20 * m, want: '3h20m' },
    { ms: 5 * h, want: '5h' },
    { ms: 30 * h, want: '30h' },
    { ms: 5 * d, want: '5d' },
    { ms: 5 * d + 3 * h, want: '5d3h' },
    { ms: 100 * d, want: '100d' },
    { ms: 3 * 365 * d, want: '3y' },
    { ms: 3 * 365 * d + 30 * d, want: '3y30d' },
    { ms: 9 * 365 * d, want: '9y' },
  ])('$ms ms is $want', ({ ms, want }) => {
    expect(humanDuration(ms)).toBe(want);
  });

  it('gives <unknown> without a timestamp', () => {
    expect(timeSince(undefined, new Date())).toBe('<unknown>');
  });
});
