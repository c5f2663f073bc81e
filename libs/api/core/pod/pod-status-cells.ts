// READY, STATUS and RESTARTS of `kubectl get pods`, computed as kube-apiserver's pod printer
// does: init containers first, then containers (last one wins), then deletion.
import { timeSince } from '../../common/human-duration';
import { Pod } from '../types';

type ContainerStatus = NonNullable<NonNullable<Pod['status']>['containerStatuses']>[number];

const conditionTrue = (pod: Pod, type: string): boolean =>
  (pod.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');

const isRestartableInit = (pod: Pod, name: string): boolean =>
  (pod.spec?.initContainers ?? []).some((c) => c.name === name && c.restartPolicy === 'Always');

const terminatedReason = (state: NonNullable<ContainerStatus['state']>['terminated'], prefix: string): string => {
  if (state?.reason) return `${prefix}${state.reason}`;
  if (state?.signal) return `${prefix}Signal:${state.signal}`;
  return `${prefix}ExitCode:${state?.exitCode ?? 0}`;
};

const later = (a: string | undefined, b: string | undefined): string | undefined => {
  if (!a) return b;
  if (!b) return a;
  return new Date(b).getTime() > new Date(a).getTime() ? b : a;
};

export interface PodStatusCells {
  ready: string;
  status: string;
  restarts: string;
}

export const podStatusCells = (pod: Pod, now: Date): PodStatusCells => {
  const spec = pod.spec;
  const status = pod.status ?? {};
  let total = spec?.containers?.length ?? 0;
  total += (spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').length;
  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart: string | undefined;
  let lastSidecarRestart: string | undefined;
  let reason: string = status.reason || status.phase || '';
  if ((status.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated'))
    reason = 'SchedulingGated';

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += c.restartCount ?? 0;
    const finishedAt = c.lastState?.terminated?.finishedAt as string | undefined;
    lastRestart = later(lastRestart, finishedAt);
    const sidecar = isRestartableInit(pod, c.name);
    if (sidecar) {
      sidecarRestarts += c.restartCount ?? 0;
      lastSidecarRestart = later(lastSidecarRestart, finishedAt);
    }
    const terminated = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    if (sidecar && c.started) {
      if (c.ready) ready++;
      continue;
    }
    if (terminated) reason = terminatedReason(terminated, 'Init:');
    else if (waiting?.reason && waiting.reason !== 'PodInitializing') reason = `Init:${waiting.reason}`;
    else reason = `Init:${i}/${spec?.initContainers?.length ?? 0}`;
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(pod, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += c.restartCount ?? 0;
      lastRestart = later(lastRestart, c.lastState?.terminated?.finishedAt as string | undefined);
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state?.terminated) reason = terminatedReason(c.state.terminated, '');
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = conditionTrue(pod, 'Ready') ? 'Running' : 'NotReady';
  }

  if (pod.metadata.deletionTimestamp) {
    if (status.reason === 'NodeLost') reason = 'Unknown';
    else if (status.phase !== 'Succeeded' && status.phase !== 'Failed') reason = 'Terminating';
  }

  const restartsCell =
    restarts !== 0 && lastRestart ? `${restarts} (${timeSince(lastRestart, now)} ago)` : `${restarts}`;
  return { ready: `${ready}/${total}`, status: reason, restarts: restartsCell };
};

/** READINESS GATES: how many of the pod's readiness gates have a True condition, "<none>" without gates. */
export const readinessGatesCell = (pod: Pod): string => {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conditions = pod.status?.conditions ?? [];
  const met = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${met}/${gates.length}`;
};
