// How the runtime learns that a process it did not start has exited: only a parent can wait for
// its child, so the adopted process is looked for in /proc at an interval. Its exit code went with
// it: the exit is reported as kubelet reports a container whose status it lost (137,
// ContainerStatusUnknown), so restartPolicy treats it as a failure.
import type { ContainerExit } from './container-runtime';
import { GroupSignals, HOST_SIGNALS, killLeaderGroup } from './kill-group';
import type { ProcessIdentity } from './proc-stat';
import { stillRunning } from './process-record';

const POLL_MS = 500;

export const UNKNOWN_EXIT = {
  exitCode: 137,
  reason: 'ContainerStatusUnknown',
  message: 'The container was adopted from an earlier run of the agent: its exit code could not be read',
};

export const adoptedExit = (
  record: ProcessIdentity,
  pollMs = POLL_MS,
  signals: GroupSignals = HOST_SIGNALS,
): Promise<ContainerExit> =>
  new Promise((resolve) => {
    const timer = setInterval(() => {
      if (stillRunning(record, signals.readStat)) return;
      clearInterval(timer);
      // As when a container's PID 1 ends: whatever it left behind in its group goes too. Seen up
      // to an interval late, its pid may be another process's by now.
      killLeaderGroup(record, 'SIGKILL', signals);
      resolve({ ...UNKNOWN_EXIT, finishedAt: new Date() });
    }, pollMs);
  });
