// The four node conditions kubelet reports, with its reasons and messages. lastTransitionTime
// moves only when a condition's status changes; lastHeartbeatTime is the time of this report.
import type { INodeCondition } from 'kubernetes-models/v1/NodeCondition';
import { metaTime } from '@kubenest/apimachinery';

export type NodeCondition = INodeCondition;

export interface PressureSignals {
  memory: boolean;
  disk: boolean;
  pid: boolean;
}

export const NO_PRESSURE: PressureSignals = { memory: false, disk: false, pid: false };

type Entry = { type: string; status: 'True' | 'False'; reason: string; message: string };

const entries = (signals: PressureSignals): Entry[] => [
  signals.memory
    ? {
        type: 'MemoryPressure',
        status: 'True',
        reason: 'KubeletHasInsufficientMemory',
        message: 'kubelet has insufficient memory available',
      }
    : {
        type: 'MemoryPressure',
        status: 'False',
        reason: 'KubeletHasSufficientMemory',
        message: 'kubelet has sufficient memory available',
      },
  signals.disk
    ? { type: 'DiskPressure', status: 'True', reason: 'KubeletHasDiskPressure', message: 'kubelet has disk pressure' }
    : {
        type: 'DiskPressure',
        status: 'False',
        reason: 'KubeletHasNoDiskPressure',
        message: 'kubelet has no disk pressure',
      },
  signals.pid
    ? {
        type: 'PIDPressure',
        status: 'True',
        reason: 'KubeletHasInsufficientPID',
        message: 'kubelet has insufficient PID available',
      }
    : {
        type: 'PIDPressure',
        status: 'False',
        reason: 'KubeletHasSufficientPID',
        message: 'kubelet has sufficient PID available',
      },
  { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
];

export function nodeConditions(
  signals: PressureSignals,
  previous: readonly NodeCondition[],
  nowMs: number,
): NodeCondition[] {
  const now = metaTime(nowMs);
  return entries(signals).map((e) => {
    const before = previous.find((c) => c.type === e.type);
    const transitioned = !before || before.status !== e.status || !before.lastTransitionTime;
    return { ...e, lastHeartbeatTime: now, lastTransitionTime: transitioned ? now : before.lastTransitionTime };
  });
}
