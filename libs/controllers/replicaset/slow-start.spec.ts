import { slowStartBatch } from './slow-start';

describe('slowStartBatch', () => {
  it.each([
    { name: 'none', count: 0, failAt: [], batches: [], successes: 0 },
    { name: 'one', count: 1, failAt: [], batches: [1], successes: 1 },
    { name: 'doubling to the rest', count: 10, failAt: [], batches: [1, 2, 4, 3], successes: 10 },
    { name: 'burst of 500', count: 500, failAt: [], batches: [1, 2, 4, 8, 16, 32, 64, 128, 245], successes: 500 },
    { name: 'first call fails: nothing more tried', count: 10, failAt: [1], batches: [1], successes: 0 },
    { name: 'a failure in the third batch stops there', count: 10, failAt: [5], batches: [1, 2, 4], successes: 6 },
  ])('$name', async ({ count, failAt, batches, successes }) => {
    const seen: number[] = [];
    let calls = 0;
    let inBatch = 0;
    const result = await slowStartBatch(count, async () => {
      const call = ++calls;
      inBatch++;
      await Promise.resolve();
      if (inBatch) {
        seen.push(inBatch);
        inBatch = 0;
      }
      if (failAt.includes(call)) throw new Error(`call ${call} failed`);
    });
    expect(seen).toEqual(batches);
    expect(result.successes).toBe(successes);
    expect(result.error === undefined).toBe(failAt.length === 0);
  });
});
