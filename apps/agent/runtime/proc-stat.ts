// A process as the kernel identifies it in /proc/<pid>/stat: its pid and its start time (field 22,
// clock ticks since boot), which together tell a process from a later one given its recycled pid.
import { readFileSync } from 'node:fs';

/** A process by pid and start time. */
export interface ProcessIdentity {
  pid: number;
  startTicks: string;
}

/** The text of /proc/<pid>/stat, undefined when no process has the pid; tests pass their own. */
export type StatReader = (pid: number) => string | undefined;

export const readProcStat: StatReader = (pid) => {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
};

/** The fields after the command's parentheses, which may hold spaces (state is [0], start time [19]). */
export const statFields = (pid: number, readStat: StatReader = readProcStat): string[] | undefined => {
  const stat = readStat(pid);
  return stat === undefined ? undefined : stat.slice(stat.lastIndexOf(')') + 2).split(' ');
};

/** The start time of the process that has the pid now, undefined when none has. */
export const processStartTicks = (pid: number, readStat: StatReader = readProcStat): string | undefined =>
  statFields(pid, readStat)?.[19];
