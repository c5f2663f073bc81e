// One `kubectl exec` session: the command runs through the container runtime's exec, in the
// container's context, and the client's streams are wired to it until it ends. Runtime-neutral:
// a tty session waits briefly for the client's first terminal size so the pty starts sized.
import { constants } from 'node:os';
import { ExecOptions, ExecStreams, PodStreamError, TerminalSize } from '@kubenest/node-protocol';
import type { ContainerRuntime, RunningContainer } from '../runtime/container-runtime';

/** How long a tty session waits for the client's first size before it starts anyway. */
const FIRST_SIZE_WAIT_MS = 300;

/** The client's first size, or undefined when none comes in time or the client goes away meanwhile. */
const firstSize = (resize: ExecStreams['resize'], signal: AbortSignal): Promise<TerminalSize | undefined> =>
  new Promise((resolve) => {
    if (!resize || signal.aborted) return resolve(undefined);
    const done = (size: TerminalSize | undefined) => {
      clearTimeout(timer);
      resize.off('data', take);
      signal.removeEventListener('abort', gone);
      resolve(size);
    };
    const timer = setTimeout(() => done(undefined), FIRST_SIZE_WAIT_MS);
    const take = (size: TerminalSize) => {
      resize.pause();
      done(size);
    };
    const gone = () => done(undefined);
    resize.on('data', take);
    signal.addEventListener('abort', gone, { once: true });
  });

/** What the client hears if it is still there: the session ended because it went away. */
const clientGone = (): PodStreamError => new PodStreamError(500, 'InternalError', 'exec: the client went away');

export async function execSession(
  runtime: ContainerRuntime,
  container: RunningContainer,
  command: string[],
  options: ExecOptions,
  streams: ExecStreams,
): Promise<{ exitCode: number }> {
  const size = options.tty ? await firstSize(streams.resize, streams.signal) : undefined;
  if (streams.signal.aborted) throw clientGone();
  const child = runtime.exec(container, command, { tty: options.tty, size, resize: streams.resize });
  const started = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  try {
    await started;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'executable file not found in $PATH' : (e as Error).message;
    throw new PodStreamError(500, 'InternalError', `exec: "${command[0]}": ${why}`);
  }
  // A later error (a kill that fails) must not go unhandled: the exit still comes as 'close'.
  child.on('error', () => undefined);
  const kill = () => child.kill('SIGKILL');
  streams.signal.addEventListener('abort', kill, { once: true });
  // The client may have gone while the command was being spawned: the listener came too late for it.
  if (streams.signal.aborted) kill();

  if (streams.stdin && options.stdin) streams.stdin.pipe(child.stdin!);
  else child.stdin!.end();
  child.stdin!.on('error', () => undefined);
  if (streams.stdout) child.stdout!.pipe(streams.stdout, { end: false });
  else child.stdout!.resume();
  if (streams.stderr && !options.tty) child.stderr!.pipe(streams.stderr, { end: false });
  else child.stderr!.resume();

  // 'close' comes after the pipes are drained, so no output is lost behind the exit status.
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.once('close', (c, s) => resolve([c, s])),
  );
  streams.signal.removeEventListener('abort', kill);
  // A shell's convention for a command killed by a signal.
  return { exitCode: code ?? 128 + (signal ? constants.signals[signal] : 9) };
}
