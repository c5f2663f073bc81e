// The status a simulated node reports for a pod bound to it, as KWOK's "pod ready" stage does: no
// process runs, every container is at once running and ready, init containers completed.
import type { IPod } from 'kubernetes-models/v1/Pod';
import type { IPodCondition } from 'kubernetes-models/v1/PodCondition';
import type { IPodStatus } from 'kubernetes-models/v1/PodStatus';
import { metaTime } from '@kubenest/apimachinery';

export type Pod = Omit<IPod, 'metadata'> & { metadata: NonNullable<IPod['metadata']> };
export type PodStatus = IPodStatus;

export interface PodPlacement {
  hostIP: string;
  /** Used when the pod has no address yet; a restarted agent keeps the one it gave. */
  podIP: string;
  now: Date;
}

/** What the simulated node does about a pod it sees. */
export type PodAction = 'none' | 'run' | 'confirm-deletion';

const READY_CONDITIONS = ['PodReadyToStartContainers', 'Initialized', 'ContainersReady', 'Ready', 'PodScheduled'];

const containerID = (pod: Pod, name: string) => `kubenest-simulated://${pod.metadata.uid ?? ''}/${name}`;

/** Running, with every condition True; the times already reported (startTime, transitions) are kept. */
export function runningPodStatus(pod: Pod, placement: PodPlacement): PodStatus {
  const old = pod.status ?? {};
  const now = metaTime(placement.now);
  const startTime = old.startTime ?? now;
  const kept = new Map((old.conditions ?? []).map((c) => [c.type, c]));
  const conditions: IPodCondition[] = READY_CONDITIONS.map((type) => {
    const previous = kept.get(type);
    const since = previous?.status === 'True' ? previous.lastTransitionTime : undefined;
    return { type, status: 'True', lastTransitionTime: since ?? now } as IPodCondition;
  });
  const podIP = old.podIP || placement.podIP;
  const runningSince = new Map(
    (old.containerStatuses ?? []).map((s) => [s.name, s.state?.running?.startedAt as string | undefined]),
  );
  return {
    phase: 'Running',
    conditions,
    hostIP: placement.hostIP,
    hostIPs: [{ ip: placement.hostIP }],
    podIP,
    podIPs: [{ ip: podIP }],
    startTime,
    initContainerStatuses: (pod.spec?.initContainers ?? []).map((c) => ({
      name: c.name,
      image: c.image ?? '',
      imageID: '',
      containerID: containerID(pod, c.name),
      ready: true,
      started: false,
      restartCount: 0,
      state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: startTime, finishedAt: startTime } },
    })),
    containerStatuses: (pod.spec?.containers ?? []).map((c) => ({
      name: c.name,
      image: c.image ?? '',
      imageID: '',
      containerID: containerID(pod, c.name),
      ready: true,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: runningSince.get(c.name) ?? startTime } },
    })),
  } as PodStatus;
}

/** Whether the status already says what runningPodStatus would (so nothing is written). */
const reportsRunning = (pod: Pod): boolean => {
  const status = pod.status;
  if (status?.phase !== 'Running' || !status.podIP) return false;
  const ready = new Set((status.containerStatuses ?? []).filter((s) => s.ready && s.state?.running).map((s) => s.name));
  return (pod.spec?.containers ?? []).every((c) => ready.has(c.name));
};

export function podAction(pod: Pod): PodAction {
  if (pod.metadata.deletionTimestamp) return 'confirm-deletion';
  const phase = pod.status?.phase;
  // A finished pod stays finished, as kubelet never restarts a terminal pod.
  if (phase === 'Succeeded' || phase === 'Failed') return 'none';
  return reportsRunning(pod) ? 'none' : 'run';
}

/** Pod addresses from 100.64.0.0/10 (shared address space), one per pod, wrapping after 4 million. */
export const simulatedPodAddress = (n: number): string => {
  const v = (n % ((1 << 22) - 2)) + 1;
  return `100.${64 + (v >> 16)}.${(v >> 8) & 255}.${v & 255}`;
};
