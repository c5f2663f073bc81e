// PodStreams for this node: logs from the runtime's CRI log files, exec through the container
// runtime in the running container's context (mounts, working directory, environment), attach to
// the running container's own stdin and output.
import { Readable } from 'node:stream';
import type { ContainerRuntime, RunningContainer } from '../runtime/container-runtime';
import { attachSession } from './attach-session';
import { openContainerLog } from './container-logs';
import { execSession } from './exec-session';
import { ExecOptions, ExecStreams, LogOptions, PodRef, PodStreamError, PodStreams } from '@kubenest/node-protocol';

export interface HostPodStreamsDeps {
  /** <data-dir>/pods, where the runtime keeps each pod's files by uid. */
  podsDir: string;
  runtime: ContainerRuntime;
  /** The running instance of a pod's container, from its pod worker. */
  runningContainer(pod: PodRef, container: string): RunningContainer | undefined;
}

export class HostPodStreams implements PodStreams {
  constructor(private readonly deps: HostPodStreamsDeps) {}

  logs(pod: PodRef, container: string, options: LogOptions): Promise<Readable> {
    return openContainerLog(this.deps.podsDir, pod, container, options);
  }

  async exec(
    pod: PodRef,
    container: string,
    command: string[],
    options: ExecOptions,
    streams: ExecStreams,
  ): Promise<{ exitCode: number }> {
    return execSession(this.deps.runtime, this.running(pod, container), command, options, streams);
  }

  async attach(
    pod: PodRef,
    container: string,
    options: ExecOptions,
    streams: ExecStreams,
  ): Promise<{ exitCode: number }> {
    return attachSession(this.running(pod, container), options, streams);
  }

  private running(pod: PodRef, container: string): RunningContainer {
    const running = this.deps.runningContainer(pod, container);
    // kubelet's answer when the container has no running instance.
    if (!running) throw new PodStreamError(500, 'InternalError', `container not found ("${container}")`);
    return running;
  }
}
