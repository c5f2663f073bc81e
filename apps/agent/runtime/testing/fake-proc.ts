// A /proc for tests of the code that tells processes apart: pids mapped to their state and start
// time, rendered as /proc/<pid>/stat lines, and the group signals sent recorded instead of sent.
import type { GroupSignals } from '../kill-group';
import type { StatReader } from '../proc-stat';

export interface FakeProcess {
  startTicks: string;
  state?: string;
  /** The command, which may hold spaces and parentheses as a real one may. */
  comm?: string;
}

/** A stat line: pid, (comm), then state, 18 fields and the start time as field 22. */
export const statLine = (pid: number, { startTicks, state = 'S', comm = 'sleep' }: FakeProcess): string =>
  `${pid} (${comm}) ${[state, ...Array<string>(18).fill('0'), startTicks, '0'].join(' ')}\n`;

export function fakeProc(processes: Map<number, FakeProcess>): GroupSignals & { sent: string[] } {
  const sent: string[] = [];
  const readStat: StatReader = (pid) => {
    const found = processes.get(pid);
    return found && statLine(pid, found);
  };
  return { readStat, killGroup: (pid, signal) => void sent.push(`${signal} -${pid}`), sent };
}
