// Container records rebuilt from the status an earlier agent run reported, so a restarted agent
// neither runs a completed container again nor forgets restart counts. A container reported
// running was killed when its agent went away: it counts as exited with SIGKILL's code.
import { ContainerRecord, newRecord, Termination } from './container-record';
import type { ContainerState, Pod } from './pod-types';

const termination = (state: ContainerState | undefined, fallbackEnd: Date): Termination | undefined => {
  if (state?.terminated) {
    const t = state.terminated;
    return {
      exitCode: t.exitCode,
      startedAt: new Date(String(t.startedAt ?? fallbackEnd.toISOString())),
      finishedAt: new Date(String(t.finishedAt ?? fallbackEnd.toISOString())),
      containerID: t.containerID ?? '',
    };
  }
  if (state?.running) {
    return {
      exitCode: 137,
      signal: 'SIGKILL',
      startedAt: new Date(String(state.running.startedAt ?? fallbackEnd.toISOString())),
      finishedAt: fallbackEnd,
      containerID: '',
    };
  }
  return undefined;
};

export function restoreRecords(pod: Pod, now: Date): Map<string, ContainerRecord> {
  const spec = pod.spec!;
  const reported = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const records = new Map<string, ContainerRecord>();
  for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
    const r = newRecord(c.name, c.image ?? '');
    const s = reported.find((x) => x.name === c.name);
    const current = termination(s?.state, now);
    const last = termination(s?.lastState, now);
    if (s && (current || last)) {
      r.starts = s.restartCount + (current ? 1 : 0);
      r.terminated = current ?? last;
      r.lastTerminated = current ? last : undefined;
      r.restartAt = now.getTime();
    }
    records.set(c.name, r);
  }
  return records;
}
