// One `kubectl attach` session: the client gets the running container's output from now on and,
// when both ask for it, writes to its stdin, until the output ends or the client leaves. A client
// that falls more than ATTACH_BACKLOG behind misses output rather than slowing the container down.
import { ExecOptions, ExecStreams, TerminalSize } from '@kubenest/node-protocol';
import type { RunningContainer } from '../runtime/container-runtime';

export const ATTACH_BACKLOG = 1024 * 1024;

export const attachSession = (
  container: RunningContainer,
  options: ExecOptions,
  streams: ExecStreams,
): Promise<{ exitCode: number }> =>
  new Promise((resolve) => {
    const stdin = options.stdin && streams.stdin ? container.stdin : undefined;
    const closeStdinOnce = () => {
      if (container.stdinOnce) container.stdin?.end();
    };
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      stopWatching();
      streams.signal.removeEventListener('abort', finish);
      if (stdin) {
        streams.stdin!.unpipe(stdin);
        closeStdinOnce();
      }
      resolve({ exitCode: 0 });
    };
    if (container.tty && streams.resize)
      streams.resize.on('data', (size: TerminalSize) => container.resizeTerminal(size));
    const stopWatching = container.watchOutput((stream, data) => {
      // On a terminal there is one output; stdout carries it.
      const out = stream === 'stderr' && !options.tty ? streams.stderr : streams.stdout;
      if (out && out.writableLength < ATTACH_BACKLOG) out.write(data);
    }, finish);
    if (stdin) {
      streams.stdin!.pipe(stdin, { end: false });
      streams.stdin!.once('end', closeStdinOnce);
    }
    streams.signal.addEventListener('abort', finish, { once: true });
    if (streams.signal.aborted) finish();
  });
