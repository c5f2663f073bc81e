// How the runtime learns that a process it did not start has exited: only a parent can wait for
// its child, so the adopted process is looked for in /proc at an interval. Its exit code went with
// it: the exit is reported as kubelet reports a container whose status it lost (137,
// ContainerStatusUnknown), so restartPolicy treats it as a failure.
import type { ContainerExit } from './container-runtime';
import { killGroup } from './kill-group';
import { ProcessRecord, stillRunning } from './process-record';

const POLL_MS = 500;

export const UNKNOWN_EXIT = {
  exitCode: 137,
  reason: 'ContainerStatusUnknown',
  message: 'The container was adopted from an earlier run of the agent: its exit code could not be read',
};

export const adoptedExit = (
  record: Pick<ProcessRecord, 'pid' | 'startTicks'>,
  pollMs = POLL_MS,
): Promise<ContainerExit> =>
  new Promise((resolve) => {
    const timer = setInterval(() => {
      if (stillRunning(record)) return;
      clearInterval(timer);
      // As when a container's PID 1 ends: whatever it left behind in its group goes too.
      killGroup(record.pid, 'SIGKILL');
      resolve({ ...UNKNOWN_EXIT, finishedAt: new Date() });
    }, pollMs);
  });
