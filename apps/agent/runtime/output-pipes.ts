// A container's stdout and stderr as named pipes in its directory, so that its output outlives the
// agent as it outlives kubelet under a container runtime. The process holds each pipe open for
// reading and writing: with the agent gone its writes are kept (up to the pipe's 64 KiB, then they
// wait) instead of ending it with SIGPIPE, and the next agent run opens the pipes again and reads
// on. The agent's end is non-blocking (a socket), so no thread of the pool waits on a pipe.
import { closeSync, constants, openSync } from 'node:fs';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { FifoSupply } from './fifo-supply';

const logger = new Logger('OutputPipes');

const STREAMS = ['stdout', 'stderr'] as const;

const pipePath = (containerDir: string, stream: (typeof STREAMS)[number]): string =>
  join(containerDir, `${stream}.pipe`);

export interface OutputPipes {
  stdout: Socket;
  stderr: Socket;
}

/** The agent's ends of the pipes; each ends when every process holding the other end has exited. */
export function openOutputPipes(containerDir: string): OutputPipes {
  // A read that fails ends the stream (its log and attach sessions), never the agent.
  const open = (stream: (typeof STREAMS)[number]) =>
    new Socket({
      fd: openSync(pipePath(containerDir, stream), constants.O_RDONLY | constants.O_NONBLOCK),
      readable: true,
      writable: false,
    }).on('error', (e) => logger.warn(`${containerDir} ${stream}: ${e.message}`));
  return { stdout: open('stdout'), stderr: open('stderr') };
}

/**
 * New pipes for a new instance: the agent's ends, and the descriptors to hand the process as its
 * stdout and stderr (close them once it is spawned).
 */
export async function createOutputPipes(
  containerDir: string,
  fifos: FifoSupply,
): Promise<{ pipes: OutputPipes; childFds: number[] }> {
  const paths = STREAMS.map((s) => pipePath(containerDir, s));
  await fifos.take(paths);
  // Ours first: opening a pipe read-only and non-blocking never waits for a writer.
  const pipes = openOutputPipes(containerDir);
  return { pipes, childFds: paths.map((path) => openSync(path, constants.O_RDWR)) };
}

export const closeFds = (fds: number[]): void => fds.forEach((fd) => closeSync(fd));
