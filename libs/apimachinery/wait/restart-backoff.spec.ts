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
});
