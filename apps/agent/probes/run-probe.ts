// One probe attempt by its handler. A gRPC probe is not supported by this agent yet: it reports
// success, so that it never restarts or unreadies a container by itself.
import { execProbe } from './exec-probe';
import { httpGetProbe } from './http-get-probe';
import type { ProbeTarget } from './probe-target';
import type { ProbeOutcome } from './probe-tally';
import type { Probe } from './probe-timing';
import { tcpSocketProbe } from './tcp-socket-probe';

export type ProbeRunner = (probe: Probe, timeoutMs: number) => Promise<ProbeOutcome>;

export const probeRunner =
  (target: ProbeTarget): ProbeRunner =>
  async (probe, timeoutMs) => {
    if (probe.exec) return execProbe(target, probe.exec.command ?? [], timeoutMs);
    if (probe.httpGet) return httpGetProbe(target, probe.httpGet, timeoutMs);
    if (probe.tcpSocket) return tcpSocketProbe(target, probe.tcpSocket, timeoutMs);
    return 'success';
  };
