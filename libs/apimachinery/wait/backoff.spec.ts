import { backoffDelay, nextBackoff } from './backoff';

describe('backoffDelay', () => {
  it.each([
    { attempt: 0, want: 200 },
    { attempt: 1, want: 400 },
    { attempt: 4, want: 3200 },
    { attempt: 6, want: 7000 },
    { attempt: 60, want: 7000 },
  ])('retry $attempt waits $want ms', ({ attempt, want }) =>
    expect(backoffDelay(attempt, { baseMs: 200, maxMs: 7000 })).toBe(want),
  );
});

describe('backoffDelay with jitter', () => {
  it.each([
    { random: 0, want: 400 },
    { random: 0.5, want: 500 },
    { random: 0.999, want: 599 },
  ])('adds up to jitter × delay (random $random → $want ms)', ({ random, want }) =>
    expect(backoffDelay(1, { baseMs: 200, maxMs: 7000, jitter: 0.5 }, () => random)).toBe(want),
  );
});

describe('nextBackoff', () => {
  it.each([
    { previous: 0, want: 200 },
    { previous: 200, want: 400 },
    { previous: 4000, want: 7000 },
    { previous: 7000, want: 7000 },
  ])('after $previous ms: $want ms', ({ previous, want }) =>
    expect(nextBackoff(previous, { baseMs: 200, maxMs: 7000 })).toBe(want),
  );
});
