// `kubectl exec` for containers that are host processes: the command is spawned on this host in
// the container's working directory and environment. A tty session runs under util-linux
// `script`, which gives the command a pseudo-terminal; resizes are applied to that terminal with
// `stty -F`. Approximate by nature: no mount or PID namespace of the container is entered.
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { constants } from 'node:os';
import { ExecOptions, ExecStreams, PodStreamError, TerminalSize } from '@kubenest/node-protocol';

export interface ExecTarget {
  command: string[];
  cwd: string;
  env: Record<string, string>;
}

/** How long a tty session waits for the client's first size before it starts anyway. */
const FIRST_SIZE_WAIT_MS = 300;

/** POSIX shell quoting, for the command line `script -c` hands to /bin/sh. */
export const shellQuote = (args: string[]): string => args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');

const sizeCommand = (size: TerminalSize | undefined): string =>
  size ? `stty cols ${size.width} rows ${size.height} 2>/dev/null; ` : '';

/** The `script` invocation that runs a command on a pty sized to the client's terminal. */
export const ttyCommand = (command: string[], size: TerminalSize | undefined): string[] => [
  'script',
  '--quiet',
  '--flush',
  '--return',
  '--command',
  `${sizeCommand(size)}exec ${shellQuote(command)}`,
  '/dev/null',
];

const firstSize = (resize: ExecStreams['resize']): Promise<TerminalSize | undefined> =>
  new Promise((resolve) => {
    if (!resize) return resolve(undefined);
    const timer = setTimeout(() => {
      resize.off('data', take);
      resolve(undefined);
    }, FIRST_SIZE_WAIT_MS);
    const take = (size: TerminalSize) => {
      clearTimeout(timer);
      resize.off('data', take);
      resize.pause();
      resolve(size);
    };
    resize.on('data', take);
  });

/** The pty of `script`'s child: found through /proc, as the pty is not otherwise reachable. */
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

const applySize = async (child: ChildProcess, size: TerminalSize): Promise<void> => {
  const tty = child.pid ? await childTerminal(child.pid) : undefined;
  if (!tty) return;
  await new Promise((done) =>
    execFile('stty', ['-F', tty, 'cols', String(size.width), 'rows', String(size.height)], () => done(undefined)),
  );
};

export async function execOnHost(
  target: ExecTarget,
  options: ExecOptions,
  streams: ExecStreams,
): Promise<{ exitCode: number }> {
  const size = options.tty ? await firstSize(streams.resize) : undefined;
  const argv = options.tty ? ttyCommand(target.command, size) : target.command;
  const child = spawn(argv[0], argv.slice(1), {
    cwd: target.cwd,
    env: options.tty ? { ...target.env, SHELL: '/bin/sh', TERM: target.env.TERM ?? 'xterm' } : target.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const started = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  try {
    await started;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'executable file not found in $PATH' : (e as Error).message;
    throw new PodStreamError(500, 'InternalError', `exec: "${target.command[0]}": ${why}`);
  }
  const kill = () => child.kill('SIGKILL');
  streams.signal.addEventListener('abort', kill, { once: true });

  if (streams.stdin && options.stdin) streams.stdin.pipe(child.stdin!);
  else child.stdin!.end();
  child.stdin!.on('error', () => undefined);
  if (streams.stdout) child.stdout!.pipe(streams.stdout, { end: false });
  else child.stdout!.resume();
  if (streams.stderr && !options.tty) child.stderr!.pipe(streams.stderr, { end: false });
  else child.stderr!.resume();
  if (options.tty && streams.resize) {
    streams.resize.on('data', (s: TerminalSize) => void applySize(child, s));
    streams.resize.resume();
  }

  // 'close' comes after the pipes are drained, so no output is lost behind the exit status.
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.once('close', (c, s) => resolve([c, s])),
  );
  streams.signal.removeEventListener('abort', kill);
  // A shell's convention for a command killed by a signal.
  return { exitCode: code ?? 128 + (signal ? constants.signals[signal] : 9) };
}
