import { WorkQueue } from './work-queue';

describe('WorkQueue delays and backoff (fake clock)', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  const recording = (fail = (_key: string) => false) => {
    const handled: string[] = [];
    const queue = new WorkQueue(
      async (key) => {
        handled.push(`${key}@${Date.now()}`);
        if (fail(key)) throw new Error('fail');
      },
      { baseDelayMs: 10, maxDelayMs: 40 },
    );
    return { handled, queue };
  };

  it.each([
    { name: 'one delayed add', adds: [['a', 100]], want: ['a@100'] },
    {
      name: 'the earlier of two delays wins, once',
      adds: [
        ['a', 100],
        ['a', 30],
      ],
      want: ['a@30'],
    },
    {
      name: 'a later delay does not push back an earlier one',
      adds: [
        ['a', 30],
        ['a', 100],
      ],
      want: ['a@30'],
    },
    { name: 'no delay is an add', adds: [['a', 0]], want: ['a@0'] },
    {
      name: 'keys keep their own times',
      adds: [
        ['b', 50],
        ['a', 20],
      ],
      want: ['a@20', 'b@50'],
    },
  ] as { name: string; adds: [string, number][]; want: string[] }[])('$name', async ({ adds, want }) => {
    const { handled, queue } = recording();
    for (const [key, ms] of adds) queue.addAfter(key, ms);
    const idle = queue.idle();
    await jest.runAllTimersAsync();
    await idle;
    expect(handled).toEqual(want);
  });

  it('counts requeues, caps the backoff, and forget starts it over', async () => {
    const { handled, queue } = recording();
    for (let i = 0; i < 4; i++) queue.addRateLimited('a');
    expect(queue.numRequeues('a')).toBe(4);
    queue.forget('a');
    expect(queue.numRequeues('a')).toBe(0);
    queue.addRateLimited('a');
    await jest.runAllTimersAsync();
    expect(handled).toEqual(['a@10']);
  });

  it('a failing key waits 10, 20, 40, 40 ms (the ceiling) between attempts', async () => {
    const { handled, queue } = recording(() => handled.length < 5);
    queue.add('a');
    await jest.advanceTimersByTimeAsync(200);
    expect(handled).toEqual(['a@0', 'a@10', 'a@30', 'a@70', 'a@110']);
    expect(queue.numRequeues('a')).toBe(0);
  });

  it('stop drops delayed keys; shutdown waits for the key being handled', async () => {
    let release!: () => void;
    const handled: string[] = [];
    const queue = new WorkQueue(async (key) => {
      handled.push(key);
      if (key === 'slow') await new Promise<void>((r) => (release = r));
    });
    queue.add('slow');
    queue.addAfter('later', 10);
    let drained = false;
    const shutdown = queue.shutdown().then(() => (drained = true));
    await jest.advanceTimersByTimeAsync(20);
    expect(drained).toBe(false);
    release();
    await shutdown;
    queue.add('after');
    expect(handled).toEqual(['slow']);
  });
});
