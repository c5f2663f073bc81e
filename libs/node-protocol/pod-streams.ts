// What a node serves through its tunnel for `kubectl logs`, `exec` and `attach`: the pod runtime
// implements it; HostPodStreams is the implementation over host processes and CRI log files.
import { Readable, Writable } from 'node:stream';

export interface PodRef {
  namespace: string;
  name: string;
  uid: string;
}

/** core/v1 PodLogOptions, decoded. */
export interface LogOptions {
  follow: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  /** RFC 3339. */
  sinceTime?: string;
  timestamps: boolean;
  previous: boolean;
  limitBytes?: number;
}

/** core/v1 PodExecOptions' stream switches. */
export interface ExecOptions {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

export interface TerminalSize {
  width: number;
  height: number;
}

export interface ExecStreams {
  /** Ends when the client closes its stdin. */
  stdin?: Readable;
  stdout?: Writable;
  stderr?: Writable;
  /** An object-mode stream of TerminalSize, for tty sessions. */
  resize?: Readable;
  /** Aborted when the client goes away: the command is then killed. */
  signal: AbortSignal;
}

export interface PodStreams {
  /** The container's log; rejects with a PodStreamError before any byte when it cannot be read. */
  logs(pod: PodRef, container: string, options: LogOptions): Promise<Readable>;
  exec(
    pod: PodRef,
    container: string,
    command: string[],
    options: ExecOptions,
    streams: ExecStreams,
  ): Promise<{ exitCode: number }>;
  /** Until the container's output ends or the client goes away; the outcome is always exit code 0. */
  attach(pod: PodRef, container: string, options: ExecOptions, streams: ExecStreams): Promise<{ exitCode: number }>;
}

/** A failure the client sees as a Status, as kubelet answers one (most are 400 BadRequest). */
export class PodStreamError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'PodStreamError';
  }

  static badRequest(message: string): PodStreamError {
    return new PodStreamError(400, 'BadRequest', message);
  }
}
