// A PostgreSQL left running on a data directory by an apiserver that was killed (SIGKILL gives it
// no chance to stop its server): found through postmaster.pid, confirmed to be a postgres whose
// working directory is that data directory, and stopped so that the next start gets the lock.
// One whose apiserver still runs (a second start on the same data directory) is left alone.
import { Logger } from '@nestjs/common';
import { readFileSync, readlinkSync, realpathSync } from 'fs';
import * as path from 'path';
import { writeServerDirFile } from './server-dir-files';

const logger = new Logger('EmbeddedPostgres');
const POLL_MS = 50;
/** The pid of the apiserver that runs the data directory's server, its parent while it lives. */
const OWNER_FILE = 'kubenest-owner.pid';

const readOrUndefined = <T>(read: () => T): T | undefined => {
  try {
    return read();
  } catch {
    return undefined;
  }
};

/** What is read of a process in /proc (undefined where it has none); tests pass their own. */
export interface ProcReader {
  /** /proc/<pid>/stat */
  stat(pid: number): string | undefined;
  /** /proc/<pid>/cmdline: the arguments, each ended by a NUL byte */
  cmdline(pid: number): string | undefined;
  /** Where /proc/<pid>/cwd leads, symbolic links resolved */
  cwd(pid: number): string | undefined;
}

const hostProc: ProcReader = {
  stat: (pid) => readOrUndefined(() => readFileSync(`/proc/${pid}/stat`, 'utf8')),
  cmdline: (pid) => readOrUndefined(() => readFileSync(`/proc/${pid}/cmdline`, 'utf8')),
  cwd: (pid) => readOrUndefined(() => realpathSync(readlinkSync(`/proc/${pid}/cwd`))),
};

/** How a postmaster is stopped: /proc read and signals sent for real outside of tests. */
export interface PostmasterSignals {
  proc: ProcReader;
  kill(pid: number, signal: NodeJS.Signals): void;
}

const hostSignals: PostmasterSignals = {
  proc: hostProc,
  // A process that has exited meanwhile is no error: it was to stop.
  kill: (pid, signal) => void readOrUndefined(() => process.kill(pid, signal)),
};

/** State and parent from /proc/<pid>/stat; the command name before them is in parentheses and may hold spaces. */
const processStat = (pid: number, proc: ProcReader): { state: string; ppid: number } | undefined => {
  const stat = proc.stat(pid);
  if (stat === undefined) return undefined;
  const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state, ppid: Number(ppid) };
};

/** Whether the process exists and is not a zombie. */
const running = (pid: number, proc: ProcReader): boolean => {
  const state = processStat(pid, proc)?.state;
  return state !== undefined && state !== 'Z';
};

/** Whether pid is a running postgres working in dataDir (a postmaster chdirs to its data directory
 * at start): any other process may have been given a pid once a postgres had it. */
const isPostgresIn = (pid: number, dataDir: string, proc: ProcReader): boolean => {
  if (!running(pid, proc)) return false;
  const program = proc.cmdline(pid)?.split('\0')[0];
  const home = readOrUndefined(() => realpathSync(dataDir)) ?? dataDir;
  return program !== undefined && path.basename(program) === 'postgres' && proc.cwd(pid) === home;
};

/** Records this process as the one running dataDir's server. */
export const claimPostmaster = (dataDir: string): Promise<void> =>
  writeServerDirFile(path.join(dataDir, OWNER_FILE), `${process.pid}\n`);

/** The postmaster named in dataDir/postmaster.pid, if it is a postgres running in dataDir. */
export function leftoverPostmaster(dataDir: string): number | undefined {
  const lock = readOrUndefined(() => readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8'));
  const pid = Number(lock?.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
  return isPostgresIn(pid, dataDir, hostProc) ? pid : undefined;
}

/** Stops a leftover postmaster on dataDir (fast shutdown, SIGKILL after timeoutMs); its pid if there
 * was one. Throws if it is still the child of the apiserver that started it. */
export async function stopLeftoverPostmaster(dataDir: string, timeoutMs = 30_000): Promise<number | undefined> {
  const pid = leftoverPostmaster(dataDir);
  if (pid === undefined) return undefined;
  // A killed apiserver's server was handed to init (or a subreaper): its parent is no longer the owner.
  const owner = Number(readOrUndefined(() => readFileSync(path.join(dataDir, OWNER_FILE), 'utf8')));
  if (owner > 0 && processStat(pid, hostProc)?.ppid === owner && running(owner, hostProc))
    throw new Error(
      `PostgreSQL (pid ${pid}) on ${dataDir} is run by another apiserver (pid ${owner}); stop that one first`,
    );
  logger.warn(`stopping PostgreSQL (pid ${pid}) left running on ${dataDir} by an earlier run`);
  await stopPostmaster(pid, dataDir, timeoutMs);
  return pid;
}

/** Fast shutdown of the postmaster pid on dataDir, waited for as long as pid is still that postgres,
 * and SIGKILL at timeoutMs: never to a process that has been given its pid since it exited. */
export async function stopPostmaster(
  pid: number,
  dataDir: string,
  timeoutMs: number,
  signals: PostmasterSignals = hostSignals,
): Promise<void> {
  signals.kill(pid, 'SIGINT');
  const deadline = Date.now() + timeoutMs;
  while (isPostgresIn(pid, dataDir, signals.proc)) {
    if (Date.now() > deadline) {
      signals.kill(pid, 'SIGKILL');
      return;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
