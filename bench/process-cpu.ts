// CPU seconds of processes the benches start, from /proc (Linux).
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const statFields = (pid: number): string[] => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');

/** User + system CPU seconds a process has used so far. */
export const cpuSeconds = (pid: number): number => {
  const fields = statFields(pid);
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

/** CPU seconds of PostgreSQL: the postmaster, its live backends, and the ended ones it has reaped. */
export const postgresCpuSeconds = (dataDir: string): number => {
  const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const reaped = statFields(postmaster);
  let total = cpuSeconds(postmaster) + (Number(reaped[13]) + Number(reaped[14])) / 100;
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!pid) continue;
    try {
      if (Number(statFields(pid)[1]) === postmaster) total += cpuSeconds(pid);
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
};
