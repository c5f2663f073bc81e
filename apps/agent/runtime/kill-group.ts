// Signals a container's whole process group (it leads one: spawned detached); a group already
// gone is not an error. A group is named by its leader's pid, which is free for a new process once
// that leader has exited and been reaped: the leader's start time is checked first.
import { processStartTicks, ProcessIdentity, readProcStat, StatReader } from './proc-stat';

export const killGroup = (pid: number, signal: NodeJS.Signals): void => {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group has exited
  }
};

/** How a group is signalled: /proc read and signals sent for real outside of tests. */
export interface GroupSignals {
  readStat: StatReader;
  killGroup: (pid: number, signal: NodeJS.Signals) => void;
}

export const HOST_SIGNALS: GroupSignals = { readStat: readProcStat, killGroup };

/**
 * Signals the group a process leads, unless its pid now belongs to another process. While no
 * process has the pid, the kernel gives it to none as long as any member of the group lives (it
 * is the group's id): the signal reaches only what is left of the group, if anything. A leader
 * whose start time could not be read at its start is signalled unchecked: a container must stop.
 */
export function killLeaderGroup(
  leader: ProcessIdentity,
  signal: NodeJS.Signals,
  signals: GroupSignals = HOST_SIGNALS,
): void {
  const startTicks = processStartTicks(leader.pid, signals.readStat);
  if (leader.startTicks && startTicks !== undefined && startTicks !== leader.startTicks) return;
  signals.killGroup(leader.pid, signal);
}
