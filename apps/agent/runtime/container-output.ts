// A container's output as the agent handles it: read from its pipes into its log file and tapped
// for attach sessions. When the agent stops and leaves the container running, it detaches: what
// it has read is written, and what comes next waits in the pipes for the next run.
import { ContainerLog, writeContainerLog } from './container-log';
import type { OutputListener } from './container-runtime';
import { OutputTap } from './output-tap';
import type { OutputPipes } from './output-pipes';

export class ContainerOutput {
  private readonly tap: OutputTap;
  private readonly log: ContainerLog;

  constructor(logPath: string, pipes: OutputPipes) {
    this.log = writeContainerLog(logPath, pipes);
    this.tap = new OutputTap(pipes.stdout, pipes.stderr);
  }

  watch(listener: OutputListener, onEnd: () => void): () => void {
    return this.tap.watch(listener, onEnd);
  }

  /** Its pipes closed: the tap ends, and what was read is in the log once this resolves. */
  detach(): Promise<void> {
    return this.log.detach();
  }
}
