// Finds the PostgreSQL processes of one server (the postmaster by its -D or -p argument, its
// backends and auxiliaries by parent): to tell whether a shutdown left any, or to freeze them.
import { execFileSync } from 'node:child_process';

export interface ProcessRow {
  pid: number;
  ppid: number;
  args: string;
}

const processTable = (): ProcessRow[] =>
  execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] }));

const postmasterAnd = (isPostmaster: (args: string[]) => boolean): ProcessRow[] => {
  const rows = processTable();
  const postmasters = new Set(rows.filter((r) => isPostmaster(r.args.split(/\s+/))).map((r) => r.pid));
  return rows.filter((r) => postmasters.has(r.pid) || postmasters.has(r.ppid));
};

const hasOption = (args: string[], option: string, value: string) =>
  args.some((a, i) => a === value && args[i - 1] === option);

/** The postmaster started with `-D pgDataDir` and every process it started. */
export const postgresProcessesFor = (pgDataDir: string): ProcessRow[] =>
  postmasterAnd((args) => hasOption(args, '-D', pgDataDir));

/** The postmaster started with `-p port` and every process it started. */
export const postgresProcessesOnPort = (port: number): ProcessRow[] =>
  postmasterAnd((args) => hasOption(args, '-p', String(port)));

/** Whether a process still exists (a zombie counts as gone). */
export const processAlive = (pid: number): boolean => {
  try {
    return !execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' })
      .trim()
      .startsWith('Z');
  } catch {
    // ps exits non-zero when no such process exists.
    return false;
  }
};
