// Container probes (startup, liveness, readiness; exec, httpGet, tcpSocket) for the pod workers.
export { ContainerProber, hasProbes } from './container-prober';
export type { ContainerProbes, ProberEvents } from './container-prober';
export { probeRunner } from './run-probe';
export type { ProbeRunner } from './run-probe';
export type { ProbeTarget } from './probe-target';
export type { Probe, ProbeKind } from './probe-timing';
