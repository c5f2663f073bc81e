// Runs a helper script under plain node (e.g. an ESM client-node program jest cannot import) and
// collects the JSON objects it prints, one a line, so a test can wait for a given one.
import { ChildProcess, spawn } from 'node:child_process';
import { waitFor } from '@kubenest/testing/wait';

export interface JsonLinesProcess<T> {
  /** Every JSON line printed so far. */
  events: () => T[];
  /** Resolves with the first printed event matching, failing with the output when it does not come. */
  waitForEvent: (what: string, match: (event: T) => boolean, timeoutMs?: number) => Promise<T>;
  /** The process's stderr and non-JSON stdout, for failure messages. */
  log: () => string;
  stop: () => Promise<void>;
}

export const startJsonLinesProcess = <T>(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): JsonLinesProcess<T> => {
  const child: ChildProcess = spawn(process.execPath, [script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events: T[] = [];
  let log = '';
  let partial = '';
  child.stdout!.on('data', (d: Buffer) => {
    partial += d.toString('utf8');
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines.filter((l) => l.trim() !== '')) {
      try {
        events.push(JSON.parse(line) as T);
      } catch {
        log += `${line}\n`;
      }
    }
  });
  child.stderr!.on('data', (d: Buffer) => (log += d.toString('utf8')));
  const describe = () =>
    `${script} exit=${child.exitCode}\nevents:\n${events.map((e) => JSON.stringify(e)).join('\n')}\nlog:\n${log}`;
  return {
    events: () => [...events],
    log: () => log,
    waitForEvent: async (what, match, timeoutMs = 30_000) => {
      try {
        return await waitFor(
          what,
          () => {
            const found = events.find(match);
            if (found === undefined && child.exitCode !== null) throw new Error(`exited before ${what}`);
            return found;
          },
          timeoutMs,
        );
      } catch (e) {
        throw new Error(`${(e as Error).message}\n${describe()}`);
      }
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 5_000)))]);
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
};
