// A running container for pod worker tests: it runs until stopped or told to exit, and remembers
// the grace periods it was stopped with and whether the agent detached from it.
import type { ContainerExit, RunningContainer } from '../container-runtime';

export interface FakeContainer extends RunningContainer {
  readonly stops: number[];
  readonly detached: boolean;
  /** The process exits by itself. */
  finish(exit: Omit<ContainerExit, 'finishedAt'>): void;
}

export function fakeContainer(id: string, startedAt = new Date()): FakeContainer {
  let settle: (e: ContainerExit) => void = () => undefined;
  const exited = new Promise<ContainerExit>((r) => (settle = r));
  let result: ContainerExit | undefined;
  const end = (exit: Omit<ContainerExit, 'finishedAt'>): ContainerExit => {
    result ??= { ...exit, finishedAt: new Date() };
    settle(result);
    return result;
  };
  const container = {
    id,
    pid: 1000,
    startedAt,
    logPath: '/dev/null',
    exited,
    stops: [] as number[],
    detached: false,
    stdinOnce: false,
    tty: false,
    exit: () => result,
    resizeTerminal: () => undefined,
    watchOutput: () => () => undefined,
    detach: async () => void (container.detached = true),
    stop: async (grace: number) => {
      container.stops.push(grace);
      return end({ exitCode: 143, signal: 'SIGTERM' });
    },
    finish: (exit: Omit<ContainerExit, 'finishedAt'>) => void end(exit),
  };
  return container;
}
