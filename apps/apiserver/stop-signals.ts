// How the apiserver takes SIGINT, SIGTERM and SIGHUP: the first one stops it in order; as
// kube-apiserver exits at once on a second signal, a later one ends the process now (a stop held
// up by a hung database or agent is not waited for; the process's exit hooks still stop its
// PostgreSQL). Under npm a terminal's Ctrl-C arrives twice within milliseconds, from the terminal
// and passed on by npm: copies that close together are one signal.

export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export type StopSignal = (typeof STOP_SIGNALS)[number];

/** Signals closer together than this are copies of one. */
export const REPEATED_AFTER_MS = 1000;

export interface StopSignalDeps {
  onSignal(signal: StopSignal, listener: () => void): void;
  /** Ends the process at once. */
  exit(code: number): void;
  now(): number;
  warn(message: string): void;
}

export const processSignalDeps = (warn: (message: string) => void): StopSignalDeps => ({
  onSignal: (signal, listener) => void process.on(signal, listener),
  exit: (code) => process.exit(code),
  now: Date.now,
  warn,
});

export function stopOnSignals(stop: (signal: StopSignal) => void, deps: StopSignalDeps): void {
  let firstAt: number | undefined;
  for (const signal of STOP_SIGNALS)
    deps.onSignal(signal, () => {
      const now = deps.now();
      if (firstAt === undefined) {
        firstAt = now;
        return stop(signal);
      }
      if (now - firstAt < REPEATED_AFTER_MS) return;
      deps.warn(`${signal} again: exiting now, without stopping in order`);
      deps.exit(1);
    });
}
