// What the pod worker remembers of one container across its restarts: the runtime's facts
// (started, exited, could not start) from which its status and next start are decided.

export interface Termination {
  exitCode: number;
  signal?: string;
  /** Set when not read from the exit code (Completed / Error), e.g. ContainerStatusUnknown. */
  reason?: string;
  message?: string;
  startedAt: Date;
  finishedAt: Date;
  containerID: string;
}

export interface ContainerRecord {
  name: string;
  image: string;
  /** Successful starts so far; restartCount is starts - 1. */
  starts: number;
  running?: { containerID: string; startedAt: Date };
  /** The running instance's probe results; absent when it has no probes (started and ready). */
  probed?: { started: boolean; ready: boolean };
  /** The latest exit (the current state when not running). */
  terminated?: Termination;
  /** The exit before the current instance: lastState. */
  lastTerminated?: Termination;
  /** Why the last start attempt failed. */
  startError?: { reason: string; message: string };
  /** The delay before the last restart (undefined: not restarted yet); the next one grows from it. */
  restartDelayMs?: number;
  /** Epoch ms before which it is not started again. */
  restartAt?: number;
}

export const newRecord = (name: string, image: string): ContainerRecord => ({ name, image, starts: 0 });

export const restartCount = (r: ContainerRecord): number => Math.max(0, r.starts - 1);

/** Never tried: no start and no failed attempt. */
export const neverTried = (r: ContainerRecord): boolean => r.starts === 0 && !r.startError;
