// A container process's record in its container directory: its pid and the kernel's start time
// (so that a recycled pid is never taken for it), and what it was started with. A restarted agent
// reads these to take over the processes its previous run left running, as kubelet finds its
// containers still running in the runtime. Written 0600: the environment may hold secrets.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContainerStartRequest } from './container-runtime';
import { ProcessIdentity, readProcStat, StatReader, statFields } from './proc-stat';

export interface ProcessRecord extends ProcessIdentity {
  /** The instance's id (containerID <runtime>://<id>) and its start, as reported. */
  id: string;
  startedAt: string;
  privateMounts: boolean;
  /** Its environment and working directory serve exec; its restart count names its log. */
  request: ContainerStartRequest;
}

export const PROCESS_RECORD = 'process.json';

/** Whether the recorded process still runs: same pid, same start time, not a zombie. */
export function stillRunning(record: ProcessIdentity, readStat: StatReader = readProcStat): boolean {
  const fields = statFields(record.pid, readStat);
  return !!fields && !!record.startTicks && fields[19] === record.startTicks && fields[0] !== 'Z';
}

export function writeProcessRecord(containerDir: string, record: ProcessRecord): void {
  writeFileSync(join(containerDir, PROCESS_RECORD), JSON.stringify(record), { mode: 0o600 });
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
