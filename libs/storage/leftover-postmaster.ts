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

/** State and parent from /proc/<pid>/stat; the command name before them is in parentheses and may hold spaces. */
const processStat = (pid: number): { state: string; ppid: number } | undefined => {
  const stat = readOrUndefined(() => readFileSync(`/proc/${pid}/stat`, 'utf8'));
  if (stat === undefined) return undefined;
  const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state, ppid: Number(ppid) };
};

/** Whether the process exists and is not a zombie. */
const running = (pid: number): boolean => {
  const state = processStat(pid)?.state;
  return state !== undefined && state !== 'Z';
};

/** Records this process as the one running dataDir's server. */
export const claimPostmaster = (dataDir: string): Promise<void> =>
  writeServerDirFile(path.join(dataDir, OWNER_FILE), `${process.pid}\n`);

/** The postmaster named in dataDir/postmaster.pid, if it is a postgres running in dataDir. */
export function leftoverPostmaster(dataDir: string): number | undefined {
  const lock = readOrUndefined(() => readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8'));
  const pid = Number(lock?.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !running(pid)) return undefined;
  const program = readOrUndefined(() => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]);
  // A postmaster works in its data directory (it chdirs there at start).
  const cwd = readOrUndefined(() => realpathSync(readlinkSync(`/proc/${pid}/cwd`)));
  const ours = program !== undefined && path.basename(program) === 'postgres' && cwd === realpathSync(dataDir);
  return ours ? pid : undefined;
}

/** Stops a leftover postmaster on dataDir (fast shutdown, SIGKILL after timeoutMs); its pid if there
 * was one. Throws if it is still the child of the apiserver that started it. */
export async function stopLeftoverPostmaster(dataDir: string, timeoutMs = 30_000): Promise<number | undefined> {
  const pid = leftoverPostmaster(dataDir);
  if (pid === undefined) return undefined;
  // A killed apiserver's server was handed to init (or a subreaper): its parent is no longer the owner.
  const owner = Number(readOrUndefined(() => readFileSync(path.join(dataDir, OWNER_FILE), 'utf8')));
  if (owner > 0 && processStat(pid)?.ppid === owner && running(owner))
    throw new Error(
      `PostgreSQL (pid ${pid}) on ${dataDir} is run by another apiserver (pid ${owner}); stop that one first`,
    );
  logger.warn(`stopping PostgreSQL (pid ${pid}) left running on ${dataDir} by an earlier run`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + timeoutMs;
  while (running(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      break;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return pid;
}
