import { initialTally, ProbeOutcome, tallyOutcome } from './probe-tally';
import { probeTiming, ProbeKind } from './probe-timing';

const S: ProbeOutcome = 'success';
const F: ProbeOutcome = 'failure';

describe('tallyOutcome', () => {
  it.each([
    { name: 'liveness starts live', kind: 'liveness', outcomes: [], want: 'success' },
    { name: 'readiness starts unready', kind: 'readiness', outcomes: [], want: 'failure' },
    { name: 'startup starts undecided', kind: 'startup', outcomes: [], want: 'unknown' },
    { name: 'one success readies', kind: 'readiness', outcomes: [S], want: 'success' },
    { name: 'successThreshold 2 needs two in a row', kind: 'readiness', ok: 2, outcomes: [S], want: 'failure' },
    { name: 'two in a row reach successThreshold 2', kind: 'readiness', ok: 2, outcomes: [S, S], want: 'success' },
    { name: 'a failure restarts the success run', kind: 'readiness', ok: 2, outcomes: [S, F, S], want: 'failure' },
    { name: 'two failures keep a live container live', kind: 'liveness', outcomes: [F, F], want: 'success' },
    { name: 'three failures in a row: not live', kind: 'liveness', outcomes: [F, F, F], want: 'failure' },
    {
      name: 'a success between failures restarts the count',
      kind: 'liveness',
      outcomes: [F, F, S, F, F],
      want: 'success',
    },
    { name: 'failureThreshold 1 fails at once', kind: 'liveness', bad: 1, outcomes: [F], want: 'failure' },
    { name: 'ready stays ready below failureThreshold', kind: 'readiness', outcomes: [S, F, F], want: 'success' },
    { name: 'ready turns unready at failureThreshold', kind: 'readiness', outcomes: [S, F, F, F], want: 'failure' },
    { name: 'startup decides on one success', kind: 'startup', outcomes: [F, F, S], want: 'success' },
    { name: 'startup fails at failureThreshold', kind: 'startup', bad: 2, outcomes: [F, F], want: 'failure' },
  ])('$name', ({ kind, ok, bad, outcomes, want }) => {
    const timing = probeTiming({ successThreshold: ok, failureThreshold: bad }, kind as ProbeKind);
    const tally = (outcomes as ProbeOutcome[]).reduce(
      (t, o) => tallyOutcome(t, o, timing),
      initialTally(kind as ProbeKind),
    );
    expect(tally.result).toBe(want);
  });
});

describe('probeTiming', () => {
  it('takes kubelet defaults for unset and zero fields', () => {
    expect(probeTiming({ periodSeconds: 0 }, 'readiness')).toEqual({
      initialDelayMs: 0,
      periodMs: 10_000,
      timeoutMs: 1000,
      successThreshold: 1,
      failureThreshold: 3,
    });
  });

  it.each(['liveness', 'startup'] as ProbeKind[])('keeps successThreshold at 1 for %s', (kind) => {
    expect(probeTiming({ successThreshold: 3 }, kind).successThreshold).toBe(1);
  });

  it('reads the given fields in seconds', () => {
    const t = probeTiming(
      { initialDelaySeconds: 5, periodSeconds: 2, timeoutSeconds: 3, successThreshold: 2, failureThreshold: 4 },
      'readiness',
    );
    expect(t).toEqual({
      initialDelayMs: 5000,
      periodMs: 2000,
      timeoutMs: 3000,
      successThreshold: 2,
      failureThreshold: 4,
    });
  });
});
