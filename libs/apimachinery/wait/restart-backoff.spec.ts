import { nextRestartDelay, RestartPolicy } from './restart-backoff';

const policy: RestartPolicy = { baseMs: 1000, maxMs: 8000, healthyAfterMs: 60_000 };

describe('nextRestartDelay', () => {
  it.each([
    { name: 'first exit waits the first delay', previous: undefined, ranFor: 10, want: 1000 },
    { name: 'a quick failure after the first doubles', previous: 1000, ranFor: 10, want: 2000 },
    { name: 'keeps doubling', previous: 2000, ranFor: 500, want: 4000 },
    { name: 'never beyond the ceiling', previous: 8000, ranFor: 10, want: 8000 },
    { name: 'a long run starts over', previous: 8000, ranFor: 60_000, want: 1000 },
    { name: 'a first run that ended long after start', previous: undefined, ranFor: 3_600_000, want: 1000 },
    { name: 'an immediate restart (0) grows to the first delay', previous: 0, ranFor: 10, want: 1000 },
  ])('$name', ({ previous, ranFor, want }) => expect(nextRestartDelay(previous, ranFor, policy)).toBe(want));

  it('reaches the ceiling after repeated quick failures', () => {
    let delay: number | undefined;
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) seen.push((delay = nextRestartDelay(delay, 5, policy)));
    expect(seen).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
  });

  // Kubelet's crash loop: the first restart at once, then 10 s doubling to 5 minutes, and a
  // container that ran 10 minutes starts over.
  const crashLoop: RestartPolicy = { firstDelayMs: 0, baseMs: 10_000, maxMs: 300_000, healthyAfterMs: 600_000 };
  it.each([
    { name: 'first restart is immediate', previous: undefined, ran: 1000, delay: 0 },
    { name: 'second waits 10 s', previous: 0, ran: 1000, delay: 10_000 },
    { name: 'doubles', previous: 40_000, ran: 1000, delay: 80_000 },
    { name: 'caps the doubling', previous: 160_000, ran: 1000, delay: 300_000 },
    { name: 'stops at 5 minutes', previous: 300_000, ran: 1000, delay: 300_000 },
    { name: 'resets after 10 minutes running', previous: 300_000, ran: 600_000, delay: 0 },
  ])("kubelet's crash loop: $name", ({ previous, ran, delay }) => {
    expect(nextRestartDelay(previous, ran, crashLoop)).toBe(delay);
  });
});
