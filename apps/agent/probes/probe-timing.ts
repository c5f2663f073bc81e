// A probe's timing fields with kubelet's defaults, in milliseconds.
import type { IProbe } from 'kubernetes-models/v1/Probe';

export type Probe = IProbe;
export type ProbeKind = 'startup' | 'liveness' | 'readiness';

export interface ProbeTiming {
  initialDelayMs: number;
  periodMs: number;
  timeoutMs: number;
  successThreshold: number;
  failureThreshold: number;
}

/** Zero or unset fields take the API's defaults; liveness and startup need one success, as validation insists. */
export function probeTiming(probe: Probe, kind: ProbeKind): ProbeTiming {
  const positive = (v: number | undefined, fallback: number) => (v && v > 0 ? v : fallback);
  return {
    initialDelayMs: Math.max(0, probe.initialDelaySeconds ?? 0) * 1000,
    periodMs: positive(probe.periodSeconds, 10) * 1000,
    timeoutMs: positive(probe.timeoutSeconds, 1) * 1000,
    successThreshold: kind === 'readiness' ? positive(probe.successThreshold, 1) : 1,
    failureThreshold: positive(probe.failureThreshold, 3),
  };
}
