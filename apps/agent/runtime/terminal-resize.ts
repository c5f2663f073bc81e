// Resizing the pseudo-terminal of a `script` session: the pty belongs to script's child and is
// reachable only through /proc, so it is found there once and then set with `stty -F`.
import { ChildProcess, execFile } from 'node:child_process';
import { readlink } from 'node:fs/promises';
import type { TerminalSize } from '@kubenest/node-protocol';
import { childPids } from './proc-children';

/** Where /proc is read from, and how stty is run: the real ones outside of tests. */
export interface ResizeDeps {
  findTerminal(scriptPid: number): Promise<string | undefined>;
  stty(terminal: string, size: TerminalSize): Promise<void>;
}

const childTerminal = async (scriptPid: number): Promise<string | undefined> => {
  for (const child of await childPids(scriptPid)) {
    const tty = await readlink(`/proc/${child}/fd/0`).catch(() => '');
    if (tty.startsWith('/dev/pts/')) return tty;
  }
  return undefined;
};

const HOST: ResizeDeps = {
  findTerminal: childTerminal,
  stty: (terminal, size) =>
    new Promise((done) =>
      execFile('stty', ['-F', terminal, 'cols', String(size.width), 'rows', String(size.height)], () => done()),
    ),
};

/**
 * The resizer of a session started with ttyCommand (directly or through nsenter, which execs it).
 * Sizes are applied one at a time, and of those that arrive meanwhile only the latest, so that an
 * older size never lands last. The terminal is looked up until found, then remembered.
 */
export function terminalResizer(session: ChildProcess, deps: ResizeDeps = HOST): (size: TerminalSize) => void {
  let terminal: Promise<string | undefined> | undefined;
  let latest: TerminalSize | undefined;
  let applying = false;

  const find = async (): Promise<string | undefined> => {
    if (!session.pid) return undefined;
    terminal ??= deps.findTerminal(session.pid);
    const found = await terminal.catch(() => undefined);
    // script may not have started its child yet: a later size looks again.
    if (!found) terminal = undefined;
    return found;
  };

  const applyAll = async (): Promise<void> => {
    applying = true;
    try {
      while (latest) {
        const size = latest;
        latest = undefined;
        const tty = await find();
        if (tty) await deps.stty(tty, size);
      }
    } finally {
      applying = false;
    }
  };

  return (size) => {
    latest = size;
    if (!applying) void applyAll().catch(() => undefined);
  };
}
