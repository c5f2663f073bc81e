// The deadline stage: 504 for a request without an answer in time, none for long-running ones.
import { ApiMessage } from '../api-message';
import { deadlineStage } from './deadline.stage';
import { PipelineContext, Route } from './stage';

const context = (longRunning: boolean): PipelineContext => {
  const route = { longRunning } as Route;
  return { req: {} as ApiMessage, res: {} as never, endpoint: { route: () => route }, route };
};

const outcome = (p: Promise<void>): Promise<string> =>
  p.then(
    () => 'served',
    (e: { code?: number }) => String(e.code),
  );

describe('deadlineStage', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it.each([
    { name: 'a request answered in time', longRunning: false, takesMs: 900, want: 'served' },
    { name: 'a request past the deadline', longRunning: false, takesMs: 1100, want: '504' },
    { name: 'a long-running request past it', longRunning: true, takesMs: 5000, want: 'served' },
  ])('$name: $want', async ({ longRunning, takesMs, want }) => {
    const stage = deadlineStage(1000);
    const answer = outcome(stage(context(longRunning), () => new Promise((resolve) => setTimeout(resolve, takesMs))));
    await jest.advanceTimersByTimeAsync(takesMs);
    expect(await answer).toBe(want);
  });
});
