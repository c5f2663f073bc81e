import { ContainerProber, ContainerProbes } from './container-prober';
import type { ProbeOutcome } from './probe-tally';
import type { Probe, ProbeKind } from './probe-timing';

type Script = (n: number, t: number) => ProbeOutcome;
const ok: Script = () => 'success';
const bad: Script = () => 'failure';
const from =
  (second: number, before: ProbeOutcome, after: ProbeOutcome): Script =>
  (_, t) =>
    t < second ? before : after;

/**
 * Runs a prober for `seconds` under fake timers and returns, per second, `started/ready` as
 * letters (s = started, r = ready, - = not), `K<kind>` once killed, and how often each probe ran.
 */
async function timeline(
  probes: Partial<Record<ProbeKind, Probe & { script: Script }>>,
  seconds: number,
): Promise<{ states: string[]; runs: Record<string, number>; kills: { kind: ProbeKind; grace?: number }[] }> {
  const start = Date.now();
  const runs: Record<string, number> = {};
  const kills: { kind: ProbeKind; grace?: number }[] = [];
  const spec: ContainerProbes = {};
  const kindOf = new Map<Probe, { kind: ProbeKind; script: Script }>();
  for (const [kind, p] of Object.entries(probes) as [ProbeKind, Probe & { script: Script }][]) {
    spec[`${kind}Probe`] = p;
    kindOf.set(p, { kind, script: p.script });
  }
  let changes = 0;
  const prober = new ContainerProber(
    spec,
    async (probe) => {
      const { kind, script } = kindOf.get(probe)!;
      runs[kind] = (runs[kind] ?? 0) + 1;
      return script(runs[kind], (Date.now() - start) / 1000);
    },
    { changed: () => changes++, kill: (kind, grace) => kills.push({ kind, grace }) },
  );
  const states: string[] = [];
  for (let s = 0; s <= seconds; s++) {
    if (s > 0) await jest.advanceTimersByTimeAsync(1000);
    else await jest.advanceTimersByTimeAsync(0);
    states.push(kills.length ? `K${kills[0].kind}` : `${prober.started ? 's' : '-'}${prober.ready ? 'r' : '-'}`);
  }
  prober.stop();
  expect(jest.getTimerCount()).toBe(0);
  return { states, runs, kills };
}

describe('ContainerProber', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_700_000_000_000 }));
  afterEach(() => jest.useRealTimers());

  it.each([
    { name: 'no probes: started and ready at once', probes: {}, seconds: 1, want: ['sr', 'sr'] },
    {
      name: 'readiness: unready until the first success',
      probes: { readiness: { periodSeconds: 1, script: from(2, 'failure', 'success') } },
      seconds: 3,
      want: ['s-', 's-', 'sr', 'sr'],
    },
    {
      name: 'readiness waits initialDelaySeconds',
      probes: { readiness: { initialDelaySeconds: 2, periodSeconds: 1, script: ok } },
      seconds: 3,
      want: ['s-', 's-', 'sr', 'sr'],
    },
    {
      name: 'readiness turns unready after failureThreshold failures in a row',
      probes: { readiness: { periodSeconds: 1, failureThreshold: 2, script: from(2, 'success', 'failure') } },
      seconds: 4,
      want: ['sr', 'sr', 'sr', 's-', 's-'],
    },
    {
      name: 'readiness needs successThreshold successes in a row',
      probes: { readiness: { periodSeconds: 1, successThreshold: 3, script: ok } },
      seconds: 3,
      want: ['s-', 's-', 'sr', 'sr'],
    },
    {
      name: 'startup gates readiness until it succeeds',
      probes: {
        startup: { periodSeconds: 1, failureThreshold: 10, script: from(2, 'failure', 'success') },
        readiness: { periodSeconds: 1, script: ok },
      },
      seconds: 4,
      want: ['--', '--', 'sr', 'sr', 'sr'],
    },
    {
      name: 'a live container stays below failureThreshold',
      probes: {
        liveness: { periodSeconds: 1, script: (n: number): ProbeOutcome => (n % 3 === 0 ? 'success' : 'failure') },
      },
      seconds: 6,
      want: ['sr', 'sr', 'sr', 'sr', 'sr', 'sr', 'sr'],
    },
    {
      name: 'liveness kills after failureThreshold failures',
      probes: { liveness: { periodSeconds: 1, script: from(1, 'success', 'failure') } },
      seconds: 4,
      want: ['sr', 'sr', 'sr', 'Kliveness', 'Kliveness'],
    },
    {
      name: 'a failed startup probe kills like liveness',
      probes: { startup: { periodSeconds: 1, failureThreshold: 2, script: bad } },
      seconds: 2,
      want: ['--', 'Kstartup', 'Kstartup'],
    },
  ])('$name', async ({ probes, seconds, want }) => {
    expect((await timeline(probes as never, seconds)).states).toEqual(want);
  });

  it('does not run liveness or readiness before the startup probe succeeds, and startup not after', async () => {
    const { runs, kills } = await timeline(
      {
        startup: { periodSeconds: 1, failureThreshold: 30, script: from(5, 'failure', 'success') },
        liveness: { periodSeconds: 1, script: ok },
        readiness: { periodSeconds: 1, script: ok },
      },
      8,
    );
    expect(runs.startup).toBe(6);
    expect(runs.liveness).toBeLessThanOrEqual(4);
    expect(runs.readiness).toBeLessThanOrEqual(4);
    expect(runs.liveness).toBeGreaterThanOrEqual(3);
    expect(kills).toEqual([]);
  });

  it("passes the probe's terminationGracePeriodSeconds with the kill, and probes no more", async () => {
    const { runs, kills } = await timeline(
      {
        liveness: { periodSeconds: 1, failureThreshold: 1, terminationGracePeriodSeconds: 5, script: bad },
        readiness: { initialDelaySeconds: 1, periodSeconds: 1, script: ok },
      },
      5,
    );
    expect(kills).toEqual([{ kind: 'liveness', grace: 5 }]);
    expect(runs.liveness).toBe(1);
    expect(runs.readiness ?? 0).toBe(0);
  });

  it('counts a runner that throws as a failure', async () => {
    const kills: ProbeKind[] = [];
    const prober = new ContainerProber(
      { livenessProbe: { periodSeconds: 1, failureThreshold: 1 } },
      () => Promise.reject(new Error('boom')),
      { changed: () => undefined, kill: (kind) => kills.push(kind) },
    );
    await jest.advanceTimersByTimeAsync(0);
    expect(kills).toEqual(['liveness']);
    prober.stop();
  });

  it('drops a result that arrives after stop, and leaves no timer', async () => {
    let finish: (o: ProbeOutcome) => void = () => undefined;
    const changed = jest.fn();
    const prober = new ContainerProber(
      { readinessProbe: { periodSeconds: 1 } },
      () => new Promise<ProbeOutcome>((r) => (finish = r)),
      { changed, kill: jest.fn() },
    );
    await jest.advanceTimersByTimeAsync(0);
    prober.stop();
    finish('success');
    await jest.advanceTimersByTimeAsync(5000);
    expect(changed).not.toHaveBeenCalled();
    expect(prober.ready).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
  });
});

describe('ContainerProber attempt failures', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_700_000_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('reports every failed attempt, below the threshold too', async () => {
    const failed: ProbeKind[] = [];
    let n = 0;
    const prober = new ContainerProber(
      { readinessProbe: { periodSeconds: 1, failureThreshold: 3 } },
      async () => (++n % 2 === 0 ? 'failure' : 'success'),
      { changed: () => undefined, kill: () => undefined, attemptFailed: (kind) => failed.push(kind) },
    );
    await jest.advanceTimersByTimeAsync(3500);
    prober.stop();
    expect(n).toBe(4);
    expect(failed).toEqual(['readiness', 'readiness']);
  });
});
