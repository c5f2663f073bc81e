// How a container's process is launched. As root: in a private mount namespace (unshare) where a
// shell bind-mounts each volume at its mountPath, then execs the command, so no other process
// sees the mounts. Otherwise: plain spawn, and a volume is reachable at its mountPath only through
// a symlink the runtime creates where nothing exists yet (visible host-wide: the documented limit).
import { Mount } from './container-runtime';

export interface LaunchPlan {
  file: string;
  args: string[];
  cwd: string;
  /** Non-root only: symlinks target → source to create before the spawn. */
  links: Mount[];
}

/** Single-quotes a word for sh. */
export const shellQuote = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;

export function launchPlan(argv: string[], mounts: Mount[], workingDir: string | undefined, root: boolean): LaunchPlan {
  const cwd = workingDir || '/';
  if (!root || mounts.length === 0) return { file: argv[0], args: argv.slice(1), cwd, links: root ? [] : mounts };
  const steps = mounts.flatMap((m) => [
    `mount --bind ${shellQuote(m.source)} ${shellQuote(m.target)}`,
    ...(m.readOnly ? [`mount -o remount,bind,ro ${shellQuote(m.target)}`] : []),
  ]);
  const script = [...steps, `cd ${shellQuote(cwd)}`, 'exec "$@"'].join(' && ');
  return {
    file: 'unshare',
    args: ['--mount', '--propagation', 'private', '--', 'sh', '-c', script, 'kubenest-container', ...argv],
    cwd: '/',
    links: [],
  };
}
