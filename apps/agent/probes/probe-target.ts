// What a probe acts on: the running container (for exec), its address and its declared ports.
import type { ChildProcess } from 'node:child_process';
import type { IContainerPort } from 'kubernetes-models/v1/ContainerPort';

export interface ProbeTarget {
  /** The pod's IP: host-process containers share the node's network, so this is the node's address. */
  podIP: string;
  ports: IContainerPort[];
  /** Runs a command in the container's context. */
  exec(argv: string[]): ChildProcess;
}

/** A probe's port, given as a number or as the name of one of the container's ports. */
export function resolvePort(port: number | string, ports: IContainerPort[]): number {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  const found = ports.find((p) => p.name === port);
  if (!found) throw new Error(`no container port named ${port}`);
  return found.containerPort;
}
