import { backoffDelay } from './backoff';

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
