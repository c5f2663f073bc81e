import { restartDelay } from './restart-backoff';

describe('restartDelay', () => {
  it.each([
    { name: 'first restart is immediate', backoff: undefined, ran: 1000, delay: 0, next: 10_000 },
    { name: 'second waits 10 s', backoff: 10_000, ran: 1000, delay: 10_000, next: 20_000 },
    { name: 'doubles', backoff: 80_000, ran: 1000, delay: 80_000, next: 160_000 },
    { name: 'stops at 5 minutes', backoff: 300_000, ran: 1000, delay: 300_000, next: 300_000 },
    { name: 'caps the doubling', backoff: 160_000, ran: 1000, delay: 160_000, next: 300_000 },
    { name: 'resets after 10 minutes running', backoff: 300_000, ran: 600_000, delay: 0, next: 10_000 },
  ])('$name', ({ backoff, ran, delay, next }) => {
    expect(restartDelay(backoff, ran)).toEqual({ delayMs: delay, backoffMs: next });
  });
});
