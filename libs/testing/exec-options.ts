// An exec session's stream switches for unit tests: stdout and stderr on, the rest as given.
import type { ExecOptions } from '@kubenest/node-protocol';

export const execOptions = (o: Partial<ExecOptions> = {}): ExecOptions => ({
  stdin: false,
  stdout: true,
  stderr: true,
  tty: false,
  ...o,
});
