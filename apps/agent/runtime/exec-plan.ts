// How a command is run in a host-process container's context. As root with volumes, the container
// lives in a private mount namespace (see launch-plan.ts): nsenter joins it and changes to the
// working directory there, so volumes are seen at their mountPath. Without root, or with no
// volumes, there is no namespace to join: the command is a plain process in the container's
// working directory, and a volume is visible only where the runtime could link it (non-root limit).
import type { TerminalSize } from '@kubenest/node-protocol';
import { ttyCommand } from './tty-command';

/** The container an exec joins: its process, whether it has private mounts, its cwd and env at start. */
export interface ExecContext {
  pid: number;
  privateMounts: boolean;
  cwd: string;
  env: Record<string, string>;
}

/** `sh -c` script: $1 is the directory, the rest the command, which replaces the shell. */
const CD_THEN_EXEC = 'cd -- "$1" && shift && exec "$@"';

export interface ExecPlan {
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

/** tty: run on a pseudo-terminal of this size (undefined: the client sent none yet). */
export function execPlan(argv: string[], context: ExecContext, tty?: { size?: TerminalSize }): ExecPlan {
  const command = tty ? ttyCommand(argv, tty.size) : argv;
  // `script` runs its command with $SHELL; container runtimes give a terminal session TERM=xterm.
  const env = tty ? { ...context.env, SHELL: '/bin/sh', TERM: context.env.TERM ?? 'xterm' } : context.env;
  if (!context.privateMounts) return { file: command[0], args: command.slice(1), cwd: context.cwd, env };
  return {
    file: 'nsenter',
    // Joining the mount namespace resets the cwd to its root, so a shell changes to the working
    // directory there (nsenter's --wd opens the host's; --wdns needs util-linux 2.38). The directory
    // and the command stay arguments, never shell text.
    args: [`--target=${context.pid}`, '--mount', '--', '/bin/sh', '-c', CD_THEN_EXEC, 'sh', context.cwd, ...command],
    cwd: '/',
    env,
  };
}
