// Container records rebuilt when a pod worker starts after an agent restart, so that the restarted
// agent neither runs a container twice nor forgets restart counts. A container whose process the
// earlier run left running is adopted as it runs: same instance, same restart count. A container
// reported running whose process is gone died while no agent watched it: as kubelet reports a
// container it can no longer find, it counts as exited with ContainerStatusUnknown (137).
import { ContainerRecord, newRecord, Termination } from './container-record';
import type { ContainerState, Pod } from './pod-types';

/** A container instance still running from the earlier run of the agent. */
export interface AdoptedInstance {
  containerID: string;
  startedAt: Date;
  restartCount: number;
}

const termination = (state: ContainerState | undefined, fallbackEnd: Date): Termination | undefined => {
  if (state?.terminated) {
    const t = state.terminated;
    return {
      exitCode: t.exitCode,
      ...(t.reason ? { reason: t.reason } : {}),
      ...(t.message ? { message: t.message } : {}),
      startedAt: new Date(String(t.startedAt ?? fallbackEnd.toISOString())),
      finishedAt: new Date(String(t.finishedAt ?? fallbackEnd.toISOString())),
      containerID: t.containerID ?? '',
    };
  }
  if (state?.running) {
    return {
      exitCode: 137,
      reason: 'ContainerStatusUnknown',
      message: 'The container could not be located when the agent started again',
      startedAt: new Date(String(state.running.startedAt ?? fallbackEnd.toISOString())),
      finishedAt: fallbackEnd,
      containerID: '',
    };
  }
  return undefined;
};

export function restoreRecords(
  pod: Pod,
  now: Date,
  adopted: ReadonlyMap<string, AdoptedInstance> = new Map(),
): Map<string, ContainerRecord> {
  const spec = pod.spec!;
  const reported = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const records = new Map<string, ContainerRecord>();
  for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
    const r = newRecord(c.name, c.image ?? '');
    const s = reported.find((x) => x.name === c.name);
    const running = adopted.get(c.name);
    if (running) {
      r.starts = running.restartCount + 1;
      r.running = { containerID: running.containerID, startedAt: running.startedAt };
      // A reported exit is of an earlier instance (the status may lag behind a restart).
      r.lastTerminated = termination(s?.state?.terminated ? s.state : s?.lastState, now);
      records.set(c.name, r);
      continue;
    }
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
