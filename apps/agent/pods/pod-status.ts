// The status the agent reports for a pod from its containers' records, as kubelet computes it:
// phase, the four conditions, container statuses with state/lastState, and the node's address
// as podIP/hostIP (pods run in the host network).
import { constants } from 'node:os';
import { metaTime } from '@kubenest/apimachinery';
import { ContainerRecord, neverTried, restartCount, Termination } from './container-record';
import { planPod, RestartPolicy, wantsRestart } from './pod-plan';
import type { Container, ContainerState, ContainerStatus, Pod, PodCondition, PodStatus } from './pod-types';

const terminatedState = (t: Termination): ContainerState => ({
  terminated: {
    exitCode: t.exitCode,
    ...(t.signal ? { signal: constants.signals[t.signal as NodeJS.Signals] } : {}),
    reason: t.reason ?? (t.exitCode === 0 ? 'Completed' : 'Error'),
    ...(t.message ? { message: t.message } : {}),
    startedAt: metaTime(t.startedAt),
    finishedAt: metaTime(t.finishedAt),
    containerID: t.containerID,
  },
});

function containerStatus(
  pod: Pod,
  c: Container,
  r: ContainerRecord,
  policy: RestartPolicy,
  now: number,
  pendingReason: string,
): ContainerStatus {
  let state: ContainerState;
  let last: Termination | undefined = r.lastTerminated;
  if (r.running) state = { running: { startedAt: metaTime(r.running.startedAt) } };
  else if (r.startError) {
    state = { waiting: { reason: r.startError.reason, message: r.startError.message } };
    last = r.terminated ?? last;
  } else if (r.terminated && wantsRestart(r, policy) && (r.restartAt ?? 0) > now) {
    const seconds = Math.round((r.restartAt! - r.terminated.finishedAt.getTime()) / 1000);
    state = {
      waiting: {
        reason: 'CrashLoopBackOff',
        message: `back-off ${seconds}s restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
      },
    };
    last = r.terminated;
  } else if (r.terminated) state = terminatedState(r.terminated);
  else state = { waiting: { reason: pendingReason } };
  const containerID = r.running?.containerID ?? (state.terminated ? r.terminated?.containerID : last?.containerID);
  return {
    name: c.name,
    image: c.image ?? '',
    imageID: '',
    ...(containerID ? { containerID } : {}),
    ready: !!r.running && (r.probed?.ready ?? true),
    started: !!r.running && (r.probed?.started ?? true),
    restartCount: restartCount(r),
    state,
    lastState: last ? terminatedState(last) : {},
  };
}

export function podPhase(pod: Pod, records: Map<string, ContainerRecord>, now: number): PodStatus['phase'] {
  const spec = pod.spec!;
  const plan = planPod(spec, records, now);
  if (plan.initFailed) return 'Failed';
  if (!plan.initDone) return 'Pending';
  let running = 0;
  let waiting = 0;
  let failed = 0;
  for (const c of spec.containers) {
    const r = records.get(c.name)!;
    if (r.running) running++;
    else if (neverTried(r) || (r.startError && !r.terminated)) waiting++;
    else if (r.terminated!.exitCode !== 0 || r.startError) failed++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  const policy = spec.restartPolicy ?? 'Always';
  if (policy === 'Always') return 'Running';
  if (failed === 0) return 'Succeeded';
  return policy === 'Never' ? 'Failed' : 'Running';
}

const condition = (
  type: string,
  ok: boolean,
  old: PodCondition[],
  now: string,
  reason?: string,
  message?: string,
): PodCondition => {
  const status = ok ? 'True' : 'False';
  const before = old.find((c) => c.type === type);
  return {
    type,
    status,
    lastProbeTime: null as unknown as string,
    lastTransitionTime: before?.status === status && before.lastTransitionTime ? before.lastTransitionTime : now,
    ...(!ok && reason ? { reason, message } : {}),
  };
};

export interface StatusContext {
  hostIP: string;
  startTime: Date;
  now: number;
}

export function podStatus(pod: Pod, records: Map<string, ContainerRecord>, ctx: StatusContext): PodStatus {
  const spec = pod.spec!;
  const policy = (spec.restartPolicy ?? 'Always') as RestartPolicy;
  const phase = podPhase(pod, records, ctx.now);
  const initDone = planPod(spec, records, ctx.now).initDone;
  const inits = spec.initContainers ?? [];
  const statuses = spec.containers.map((c) =>
    containerStatus(pod, c, records.get(c.name)!, policy, ctx.now, initDone ? 'ContainerCreating' : 'PodInitializing'),
  );
  const initStatuses = inits.map((c) =>
    containerStatus(pod, c, records.get(c.name)!, policy, ctx.now, 'PodInitializing'),
  );
  const old = pod.status?.conditions ?? [];
  const now = metaTime(ctx.now);
  const unready = statuses.filter((s) => !s.ready).map((s) => s.name);
  const incomplete = inits.filter((c) => records.get(c.name)!.terminated?.exitCode !== 0).map((c) => c.name);
  const completed = phase === 'Succeeded' || phase === 'Failed';
  const notReadyReason = completed ? 'PodCompleted' : 'ContainersNotReady';
  const notReadyMessage = completed ? undefined : `containers with unready status: [${unready.join(' ')}]`;
  return {
    phase,
    conditions: [
      condition(
        'Initialized',
        initDone,
        old,
        now,
        'ContainersNotInitialized',
        `containers with incomplete status: [${incomplete.join(' ')}]`,
      ),
      condition('Ready', unready.length === 0, old, now, notReadyReason, notReadyMessage),
      condition('ContainersReady', unready.length === 0, old, now, notReadyReason, notReadyMessage),
      condition('PodScheduled', true, old, now),
    ],
    hostIP: ctx.hostIP,
    hostIPs: [{ ip: ctx.hostIP }],
    podIP: ctx.hostIP,
    podIPs: [{ ip: ctx.hostIP }],
    startTime: metaTime(ctx.startTime),
    ...(inits.length ? { initContainerStatuses: initStatuses } : {}),
    containerStatuses: statuses,
  };
}
