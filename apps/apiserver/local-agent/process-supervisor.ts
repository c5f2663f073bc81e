// Keeps one child process running: starts it again with backoff when it exits (or fails to
// start), hands its output on line by line, and on stop() asks it to end (SIGTERM unless told
// otherwise), then SIGKILLs it.
import { Logger } from '@nestjs/common';
import type { ChildProcess } from 'node:child_process';
import { nextRestartDelay, RestartPolicy } from '@kubenest/apimachinery/wait';
import { forwardOutput, OutputListener } from './child-output';

export interface SupervisorOptions {
  policy: RestartPolicy;
  /** How long a child has to exit once asked before SIGKILL. */
  stopTimeoutMs: number;
  /** How the child is asked to end; SIGTERM by default. */
  requestStop?: (child: ChildProcess) => void;
  output: OutputListener;
  now?: () => number;
}

export class ProcessSupervisor {
  private readonly logger: Logger;
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private lastDelayMs?: number;
  private stopping = false;
  private starting?: Promise<void>;

  constructor(
    private readonly name: string,
    /** Starts the child; called again for every restart. */
    private readonly launch: () => Promise<ChildProcess>,
    private readonly options: SupervisorOptions,
  ) {
    this.logger = new Logger(name);
  }

  start(): void {
    this.starting = this.run();
  }

  /** The running child's pid, if one runs now. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.starting;
    const child = this.child;
    if (!child || !this.exited) return;
    this.requestStop(child);
    const killer = setTimeout(() => child.kill('SIGKILL'), this.options.stopTimeoutMs);
    await this.exited;
    clearTimeout(killer);
  }

  private async run(): Promise<void> {
    if (this.stopping) return;
    const now = this.options.now ?? Date.now;
    const startedAt = now();
    let child: ChildProcess;
    try {
      child = await this.launch();
    } catch (e) {
      this.restartLater(`could not start (${(e as Error).message})`, 0);
      return;
    }
    this.child = child;
    child.on('error', (e) => this.logger.warn(`${this.name}: ${e.message}`));
    forwardOutput(child, this.options.output);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.child = undefined;
        resolve();
        if (!this.stopping) this.restartLater(`exited (${signal ?? `code ${code}`})`, now() - startedAt);
      }),
    );
    // A stop() that came while the child was being launched ends it now that it exists.
    if (this.stopping) this.requestStop(child);
  }

  private requestStop(child: ChildProcess): void {
    if (this.options.requestStop) this.options.requestStop(child);
    else child.kill('SIGTERM');
  }

  private restartLater(what: string, ranForMs: number): void {
    if (this.stopping) return;
    const delay = nextRestartDelay(this.lastDelayMs, ranForMs, this.options.policy);
    this.lastDelayMs = delay;
    this.logger.warn(`${this.name} ${what}; starting it again in ${delay} ms`);
    this.timer = setTimeout(() => (this.starting = this.run()), delay);
  }
}
