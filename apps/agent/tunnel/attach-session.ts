// One `kubectl attach` session: the client gets the running container's output from now on and,
// when both ask for it, writes to its stdin, until the output ends or the client leaves. A client
// that falls more than ATTACH_BACKLOG behind misses output rather than slowing the container down.
// What the client sends that no stdin takes is read and dropped, so its socket is never held up.
import { ExecOptions, ExecStreams, TerminalSize } from '@kubenest/node-protocol';
import type { RunningContainer } from '../runtime/container-runtime';

export const ATTACH_BACKLOG = 1024 * 1024;

export const attachSession = (
  container: RunningContainer,
  options: ExecOptions,
  streams: ExecStreams,
): Promise<{ exitCode: number }> =>
  new Promise((resolve) => {
    const input = options.stdin ? streams.stdin : undefined;
    const open = container.stdin && !container.stdin.writableEnded ? container.stdin : undefined;
    const piped = input && open ? { from: input, to: open } : undefined;
    const closeStdinOnce = () => {
      if (container.stdinOnce) container.stdin?.end();
    };
    // A stdin that closes meanwhile (stdinOnce, an exited process) takes nothing more.
    const stdinGone = () => {
      piped?.from.unpipe(piped.to).resume();
    };
    let stopWatching = (): void => undefined;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      stopWatching();
      streams.signal.removeEventListener('abort', finish);
      if (piped) {
        piped.to.off('close', stdinGone).off('error', stdinGone);
        piped.from.unpipe(piped.to);
        closeStdinOnce();
      }
      input?.resume();
      resolve({ exitCode: 0 });
    };
    if (container.tty && streams.resize) {
      streams.resize.on('data', (size: TerminalSize) => container.resizeTerminal(size));
    }
    stopWatching = container.watchOutput((stream, data) => {
      // On a terminal there is one output; stdout carries it.
      const out = stream === 'stderr' && !options.tty ? streams.stderr : streams.stdout;
      if (out && out.writableLength < ATTACH_BACKLOG) out.write(data);
    }, finish);
    if (piped) {
      piped.from.pipe(piped.to, { end: false });
      piped.from.once('end', closeStdinOnce);
      piped.to.once('close', stdinGone).once('error', stdinGone);
    } else input?.resume();
    streams.signal.addEventListener('abort', finish, { once: true });
    if (streams.signal.aborted) finish();
  });
