// A container process's record in its pod directory (pid and the kernel's start time), so that a
// restarted agent finds the processes of its previous run and never lets a pod run twice.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ProcessRecord {
  pid: number;
  /** Field 22 of /proc/<pid>/stat: tells a recycled pid from ours. */
  startTicks: string;
}

export const PROCESS_RECORD = 'process.json';

/** The start time of a live process, undefined when none has this pid. */
export function processStartTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

export function writeProcessRecord(containerDir: string, pid: number): void {
  const record: ProcessRecord = { pid, startTicks: processStartTicks(pid) ?? '' };
  writeFileSync(join(containerDir, PROCESS_RECORD), JSON.stringify(record));
}

export const removeProcessRecord = (containerDir: string): void =>
  rmSync(join(containerDir, PROCESS_RECORD), { force: true });

/** Every record under <podsDir>/<uid>/<container>/. */
export function readProcessRecords(podsDir: string): { podUid: string; container: string; record: ProcessRecord }[] {
  const found: { podUid: string; container: string; record: ProcessRecord }[] = [];
  for (const podUid of safeReaddir(podsDir)) {
    for (const container of safeReaddir(join(podsDir, podUid))) {
      try {
        const record = JSON.parse(readFileSync(join(podsDir, podUid, container, PROCESS_RECORD), 'utf8'));
        found.push({ podUid, container, record });
      } catch {
        // no record: nothing ran there, or it exited cleanly
      }
    }
  }
  return found;
}

const safeReaddir = (dir: string): string[] => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};
