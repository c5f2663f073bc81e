import { chain, Step, StepResult } from './chain';

describe('chain', () => {
  const step =
    (name: string, result: StepResult | void, ran: string[]): Step<string> =>
    async () => {
      ran.push(name);
      return result;
    };

  it.each<{ name: string; results: (StepResult | void)[]; wantRan: string[]; want: StepResult }>([
    { name: 'every step runs in order', results: [undefined, {}, undefined], wantRan: ['0', '1', '2'], want: {} },
    { name: 'a step stops the chain', results: [{}, { stop: true }, {}], wantRan: ['0', '1'], want: {} },
    {
      name: 'the shortest requeue wins',
      results: [{ requeueAfterMs: 5000 }, { requeueAfterMs: 1000 }, { requeueAfterMs: 3000 }],
      wantRan: ['0', '1', '2'],
      want: { requeueAfterMs: 1000 },
    },
    {
      name: 'a stopping step still asks for its requeue',
      results: [{ requeueAfterMs: 5000 }, { stop: true, requeueAfterMs: 2000 }, { requeueAfterMs: 1 }],
      wantRan: ['0', '1'],
      want: { requeueAfterMs: 2000 },
    },
  ])('$name', async ({ results, wantRan, want }) => {
    const ran: string[] = [];
    const reconcile = chain(...results.map((r, i) => step(String(i), r, ran)));
    expect(await reconcile('obj')).toEqual(want);
    expect(ran).toEqual(wantRan);
  });

  it('a step that throws fails the reconcile and skips the rest', async () => {
    const ran: string[] = [];
    const failing: Step<string> = async () => {
      throw new Error('conflict');
    };
    await expect(chain(step('a', {}, ran), failing, step('c', {}, ran))('obj')).rejects.toThrow('conflict');
    expect(ran).toEqual(['a']);
  });
});
