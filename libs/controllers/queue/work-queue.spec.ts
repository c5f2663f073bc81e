import { WorkQueue } from './work-queue';

describe('WorkQueue', () => {
  it('handles a key added many times once while it waits', async () => {
    const handled: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const queue = new WorkQueue(async (key) => {
      handled.push(key);
      if (key === 'a') await gate;
    });
    queue.add('a');
    queue.add('b');
    queue.add('b');
    queue.add('b');
    release();
    await queue.idle();
    expect(handled).toEqual(['a', 'b']);
  });

  it('handles a key added while running once more afterwards, never twice at once', async () => {
    let running = 0;
    let most = 0;
    let calls = 0;
    const queue = new WorkQueue(
      async () => {
        calls++;
        running++;
        most = Math.max(most, running);
        if (calls === 1) queue.add('a');
        await new Promise((r) => setTimeout(r, 5));
        running--;
      },
      { workers: 4 },
    );
    queue.add('a');
    await queue.idle();
    expect({ calls, most }).toEqual({ calls: 2, most: 1 });
  });

  describe('on a fake clock', () => {
    // Real timers on a loaded machine can stretch the first delay past the second.
    beforeEach(() => jest.useFakeTimers({ now: 0 }));
    afterEach(() => jest.useRealTimers());

    it('retries a failing key with growing delays until it succeeds', async () => {
      const at: number[] = [];
      const errors: string[] = [];
      const queue = new WorkQueue(
        async () => {
          at.push(Date.now());
          if (at.length < 3) throw new Error(`fail ${at.length}`);
        },
        { baseDelayMs: 10, onError: (key, e) => errors.push(`${key}: ${(e as Error).message}`) },
      );
      queue.add('k');
      const idle = queue.idle();
      await jest.runAllTimersAsync();
      await idle;
      expect(errors).toEqual(['k: fail 1', 'k: fail 2']);
      expect(at).toEqual([0, 10, 30]);
    });
  });

  it('drops everything once stopped', async () => {
    const handled: string[] = [];
    const queue = new WorkQueue(async (key) => {
      handled.push(key);
    });
    queue.stop();
    queue.add('a');
    await queue.idle();
    expect(handled).toEqual([]);
  });
});
