// An exec probe: the command runs in the container's context; exit 0 is success, and a command
// still running at timeoutSeconds is killed and counts as a failure, as in kubelet since 1.20.
import type { ProbeTarget } from './probe-target';
import type { ProbeOutcome } from './probe-tally';

export function execProbe(target: ProbeTarget, argv: string[], timeoutMs: number): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    if (argv.length === 0) return resolve('failure');
    const child = target.exec(argv);
    // A probe gets no input; its output is not kept.
    child.stdin?.on('error', () => undefined).end();
    child.stdout?.resume();
    child.stderr?.resume();
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve('failure');
    }, timeoutMs);
    child.on('error', () => {
      clearTimeout(timer);
      resolve('failure');
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? 'success' : 'failure');
    });
  });
}
