// CPU time a process has used, from /proc (Linux): for tests that bound the work a request costs.
import { readFileSync } from 'node:fs';

/** User and system CPU milliseconds `pid` (all its threads) has used so far, in 10 ms clock ticks. */
export const processCpuMs = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
