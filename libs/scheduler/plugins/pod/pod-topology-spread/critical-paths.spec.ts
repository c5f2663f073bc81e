import { CriticalPaths } from './critical-paths';

describe('CriticalPaths', () => {
  it.each([
    {
      updates: [
        ['a', 3],
        ['b', 1],
        ['c', 2],
      ] as const,
      min: 1,
    },
    {
      updates: [
        ['a', 3],
        ['b', 1],
        ['b', 5],
      ] as const,
      min: 3,
    },
    {
      updates: [
        ['a', 0],
        ['b', 4],
        ['a', 6],
      ] as const,
      min: 4,
    },
    { updates: [] as const, min: 2 ** 31 - 1 },
  ])('$updates → min $min', ({ updates, min }) => {
    const paths = new CriticalPaths();
    for (const [value, count] of updates) paths.update(value, count);
    expect(paths.min).toBe(min);
  });

  it('a clone moves on its own', () => {
    const paths = new CriticalPaths();
    paths.update('a', 1);
    const copy = paths.clone();
    copy.update('a', 7);
    expect([paths.min, copy.min]).toEqual([1, 7]);
  });
});
