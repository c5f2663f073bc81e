// ReadGate: no more than its limit at once, waiters served in order, a failed read frees its slot,
// a read whose signal is aborted never runs.
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

  it('drops a waiting read once its signal is aborted, and serves the next in its place', async () => {
    const gate = new ReadGate(1);
    const first = deferred();
    const started: string[] = [];
    const read = (name: string) => () => (started.push(name), Promise.resolve(name));
    const running = gate.run(() => (started.push('first'), first.promise));
    const gone = new AbortController();
    const dropped = gate.run(read('dropped'), gone.signal);
    const next = gate.run(read('next'));
    gone.abort();
    // At once, not when its turn would have come.
    await expect(dropped).rejects.toMatchObject({ name: 'AbortError' });
    first.resolve();
    await running;
    expect(await next).toBe('next');
    expect(started).toEqual(['first', 'next']);
  });

  it('never runs a read whose signal was aborted before it came, nor one aborted as its turn came', async () => {
    const gate = new ReadGate(1);
    const run = jest.fn(() => Promise.resolve());
    await expect(gate.run(run, AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });

    const first = deferred();
    const running = gate.run(() => first.promise);
    const late = new AbortController();
    const waiting = gate.run(run, late.signal);
    // Runs right after the gate hands the slot over, before the waiter resumes.
    void first.promise.then(() => late.abort());
    first.resolve();
    await running;
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    expect(run).not.toHaveBeenCalled();

    // The slots came back.
    await expect(gate.run(() => Promise.resolve('ok'))).resolves.toBe('ok');
  });
});
