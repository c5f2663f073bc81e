// The runtime interface a pod worker drives, kubelet's CRI reduced to what the agent needs: start a
// container, see its state, stop it with a grace period, find its log, exec in its context, attach.
import type { ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { TerminalSize } from '@kubenest/node-protocol';

/** A directory or file of the pod made visible at mountPath inside the container. */
export interface Mount {
  source: string;
  target: string;
  readOnly: boolean;
}

export interface ContainerStartRequest {
  podUid: string;
  podName: string;
  namespace: string;
  name: string;
  image: string;
  /** command followed by args, $(VAR) references already expanded; empty when the pod gave none. */
  argv: string[];
  env: Record<string, string>;
  workingDir?: string;
  mounts: Mount[];
  restartCount: number;
  /** The spec's stdin: the process reads a pipe that attach sessions write to, not /dev/null. */
  stdin: boolean;
  /** The spec's stdinOnce: the first attach session to leave closes that pipe. */
  stdinOnce: boolean;
  /** The spec's tty: the process runs on a pseudo-terminal, its output all on stdout. */
  tty: boolean;
}

/** A chunk of a container's output, for an attach session. */
export type OutputListener = (stream: 'stdout' | 'stderr', data: Buffer) => void;

export interface ContainerExit {
  exitCode: number;
  /** The signal that ended the process, when one did. */
  signal?: string;
  /** Said when the exit code is not the process's own (it could not be read). */
  reason?: string;
  message?: string;
  finishedAt: Date;
}

export interface RunningContainer {
  /** Unique per start, reported as containerID `<runtime>://<id>`. */
  readonly id: string;
  readonly pid: number;
  readonly startedAt: Date;
  readonly logPath: string;
  /** Settles once when the process has exited. */
  readonly exited: Promise<ContainerExit>;
  /** undefined while running. */
  exit(): ContainerExit | undefined;
  /** SIGTERM to the container's process group, SIGKILL after the grace period; resolves on exit. */
  stop(gracePeriodSeconds: number): Promise<ContainerExit>;
  /** The process's stdin when the spec asks for one. */
  readonly stdin?: Writable;
  readonly stdinOnce: boolean;
  /** Whether the process runs on a pseudo-terminal (the spec's tty). */
  readonly tty: boolean;
  /** Sets the size of that terminal; nothing without one. */
  resizeTerminal(size: TerminalSize): void;
  /**
   * Hands each chunk of output from now on to the listener, and calls onEnd once the output has
   * ended (at once if it has); returns the way to stop listening.
   */
  watchOutput(listener: OutputListener, onEnd: () => void): () => void;
  /**
   * The agent stops and leaves the container running: its output waits for the next run of the
   * agent, which adopts it. Resolves once what was read is in the log.
   */
  detach(): Promise<void>;
}

export interface ExecOptions {
  /** Run on a pseudo-terminal: its output (stdout and stderr together) comes on stdout. */
  tty?: boolean;
  /** The terminal's size at start (tty only). */
  size?: TerminalSize;
  /** Later sizes, an object-mode stream of TerminalSize applied as they come (tty only). */
  resize?: Readable;
}

/** A container an earlier run of the agent left running, now watched by this one. */
export interface AdoptedContainer {
  podUid: string;
  name: string;
  restartCount: number;
  container: RunningContainer;
}

export interface ContainerRuntime {
  /** containerID scheme, e.g. hostprocess. */
  readonly name: string;
  /** Throws ContainerCannotRun (a waiting reason and message) when the container cannot start. */
  start(request: ContainerStartRequest): Promise<RunningContainer>;
  logPath(podUid: string, container: string, restartCount: number): string;
  /**
   * A command in the container's context: its mounts, working directory and environment as
   * resolved at its start. Serves probes and `kubectl exec`; an executable that cannot be
   * found is either the child's 'error' event or its exit code 127, as the runtime can tell.
   */
  exec(container: RunningContainer, argv: string[], options?: ExecOptions): ChildProcess;
  /**
   * Takes over the containers an earlier run of the agent left running: their output (log and
   * attach), exec, stop, and their exit. Forgets those that have exited meanwhile.
   */
  adoptRunning(): Promise<AdoptedContainer[]>;
  /** Removes the pod's directory (logs, volumes) and mount points it had to create. */
  removePod(podUid: string): Promise<void>;
}
