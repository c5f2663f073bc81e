// Resizing the pseudo-terminal of a `script` session: the pty belongs to script's child and is
// reachable only through /proc, so it is found there and set with `stty -F`.
import { ChildProcess, execFile } from 'node:child_process';
import { readdir, readFile, readlink } from 'node:fs/promises';
import type { TerminalSize } from './tty-command';

const childTerminal = async (scriptPid: number): Promise<string | undefined> => {
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid !== scriptPid) continue;
    const tty = await readlink(`/proc/${entry}/fd/0`).catch(() => '');
    if (tty.startsWith('/dev/pts/')) return tty;
  }
  return undefined;
};

/** Applies a size to the terminal of a session started with ttyCommand (directly or through nsenter, which execs it). */
export async function resizeTerminal(session: ChildProcess, size: TerminalSize): Promise<void> {
  const tty = session.pid ? await childTerminal(session.pid) : undefined;
  if (!tty) return;
  await new Promise((done) =>
    execFile('stty', ['-F', tty, 'cols', String(size.width), 'rows', String(size.height)], () => done(undefined)),
  );
}
