// PodStreams for the host-process runtime: logs from its CRI log files, exec as a host process in
// the container's working directory (when it exists here) with its literal environment values.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { openContainerLog } from './container-logs';
import { execOnHost } from './host-exec';
import { ExecOptions, ExecStreams, LogOptions, PodRef, PodStreams } from '@kubenest/node-protocol';

export interface ContainerProcessInfo {
  workingDir?: string;
  env: Record<string, string>;
}

export interface HostPodStreamsDeps {
  /** <data-dir>/pods, where the runtime keeps each pod's files by uid. */
  podsDir: string;
  /** The container's working directory and environment, from the pod spec. */
  describeContainer(pod: PodRef, container: string): Promise<ContainerProcessInfo>;
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
    const info = await this.deps.describeContainer(pod, container);
    const podDir = join(this.deps.podsDir, pod.uid);
    const cwd = [info.workingDir, podDir].find((d): d is string => !!d && existsSync(d)) ?? '/';
    const env = { PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin', HOSTNAME: pod.name, ...info.env };
    return execOnHost({ command, cwd, env }, options, streams);
  }
}
