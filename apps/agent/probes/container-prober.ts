// The probe workers of one running container instance, as kubelet runs them: each probe ticks
// every periodSeconds from initialDelaySeconds after the start; liveness and readiness wait for
// the startup probe; a liveness or startup failure asks for the container to be killed.
import { initialTally, ProbeOutcome, ProbeTally, tallyOutcome } from './probe-tally';
import { Probe, ProbeKind, ProbeTiming, probeTiming } from './probe-timing';
import type { ProbeRunner } from './run-probe';

export interface ContainerProbes {
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
}

export interface ProberEvents {
  /** started or ready changed. */
  changed(): void;
  /** The container failed its liveness or startup probe and must be killed (and restarted by policy). */
  kill(kind: ProbeKind, probeGraceSeconds?: number): void;
  /** One attempt failed (kubelet's Unhealthy event), whether or not it reached the failure threshold. */
  attemptFailed?(kind: ProbeKind): void;
}

const KINDS: ProbeKind[] = ['startup', 'liveness', 'readiness'];

export const hasProbes = (c: ContainerProbes): boolean => KINDS.some((k) => c[`${k}Probe`]);

export class ContainerProber {
  private readonly tallies = new Map<ProbeKind, ProbeTally>();
  private readonly timers = new Map<ProbeKind, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    probes: ContainerProbes,
    private readonly run: ProbeRunner,
    private readonly events: ProberEvents,
  ) {
    for (const kind of KINDS) {
      const probe = probes[`${kind}Probe`];
      if (!probe) continue;
      const timing = probeTiming(probe, kind);
      this.tallies.set(kind, initialTally(kind));
      this.schedule(kind, probe, timing, timing.initialDelayMs);
    }
  }

  /** Without a startup probe a running container has started. */
  get started(): boolean {
    const startup = this.tallies.get('startup');
    return !startup || startup.result === 'success';
  }

  /** Without a readiness probe a started container is ready. */
  get ready(): boolean {
    const readiness = this.tallies.get('readiness');
    return this.started && (!readiness || readiness.result === 'success');
  }

  /** The container exited or its pod is going: no more attempts, results in flight are dropped. */
  stop(): void {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private schedule(kind: ProbeKind, probe: Probe, timing: ProbeTiming, delayMs: number): void {
    this.timers.set(
      kind,
      setTimeout(() => void this.attempt(kind, probe, timing), delayMs),
    );
  }

  private async attempt(kind: ProbeKind, probe: Probe, timing: ProbeTiming): Promise<void> {
    this.timers.delete(kind);
    const began = Date.now();
    // As kubelet: liveness and readiness are not run before the container has started.
    if (kind === 'startup' || this.started) {
      const outcome: ProbeOutcome = await this.run(probe, timing.timeoutMs).catch(() => 'failure' as const);
      if (this.stopped) return;
      this.record(kind, probe, outcome, timing);
      if (this.stopped || (kind === 'startup' && this.started)) return;
    }
    // A fixed period from tick to tick, as kubelet's ticker; a slow probe delays the next one.
    this.schedule(kind, probe, timing, Math.max(0, began + timing.periodMs - Date.now()));
  }

  private record(kind: ProbeKind, probe: Probe, outcome: ProbeOutcome, timing: ProbeTiming): void {
    if (outcome === 'failure') this.events.attemptFailed?.(kind);
    const before = this.tallies.get(kind)!;
    const after = tallyOutcome(before, outcome, timing);
    this.tallies.set(kind, after);
    if (after.result === before.result) return;
    if (after.result === 'failure' && kind !== 'readiness') {
      this.stop();
      this.events.kill(kind, probe.terminationGracePeriodSeconds);
      return;
    }
    this.events.changed();
  }
}
