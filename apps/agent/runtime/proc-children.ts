// The children of a process, read from /proc: how the runtime finds the command that util-linux
// `script` runs on its pseudo-terminal, in a session of its own.
import { readdir, readFile } from 'node:fs/promises';

/** The parent pid in /proc/<pid>/stat: the field after the state, past the command's parentheses. */
const parentOf = (stat: string): number => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);

export const childPids = async (pid: number): Promise<number[]> => {
  const children: number[] = [];
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    if (stat && parentOf(stat) === pid) children.push(Number(entry));
  }
  return children;
};
