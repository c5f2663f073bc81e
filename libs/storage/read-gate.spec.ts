// ReadGate: no more than its limit at once, waiters served in order, a failed read frees its slot.
import { ReadGate } from './read-gate';

const deferred = () => {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('ReadGate', () => {
  it('runs at most its limit at once and the rest in arrival order', async () => {
    const gate = new ReadGate(2);
    const reads = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    const done = reads.map((read, i) =>
      gate.run(() => {
        started.push(i);
        return read.promise;
      }),
    );
    await flush();
    expect(started).toEqual([0, 1]);
    reads[1].resolve();
    await flush();
    expect(started).toEqual([0, 1, 2]);
    reads[0].reject(new Error('connection lost'));
    await flush();
    expect(started).toEqual([0, 1, 2, 3]);
    reads[2].resolve();
    reads[3].resolve();
    await flush();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    reads[4].resolve();
    await expect(done[0]).rejects.toThrow('connection lost');
    await Promise.all(done.slice(1));

    // Every slot came back: two run at once again.
    const more = [deferred(), deferred(), deferred()];
    const again: number[] = [];
    more.forEach((read, i) => void gate.run(() => (again.push(i), read.promise)));
    await flush();
    expect(again).toEqual([0, 1]);
    more.forEach((read) => read.resolve());
  });
});
