// Keeps the embedded PostgreSQL running: when its postmaster dies, starts it again with backoff
// (as kubelet restarts a crashed container), and says since when it has been down.
import { Logger } from '@nestjs/common';
import { nextRestartDelay, RestartPolicy } from '@kubenest/apimachinery/wait';
import type { PostgresServer } from './embedded-postgres';

/** Soon after a crash (the store's writes fail meanwhile), at most 5 s apart while it keeps failing. */
export const POSTGRES_RESTART: RestartPolicy = { baseMs: 250, maxMs: 5_000, healthyAfterMs: 60_000 };

export class PostgresSupervisor {
  private readonly logger = new Logger('EmbeddedPostgres');
  private server?: PostgresServer;
  private down?: number;
  private lastDelayMs?: number;
  private timer?: NodeJS.Timeout;
  private restarting?: Promise<void>;
  private stopping = false;

  constructor(
    /** Starts the server; resolves once it accepts connections. */
    private readonly start: () => Promise<PostgresServer>,
    private readonly policy: RestartPolicy = POSTGRES_RESTART,
    private readonly now: () => number = Date.now,
  ) {}

  /** The first start: its failure is the caller's, as there is nothing to supervise yet. */
  async run(): Promise<void> {
    const startedAt = this.now();
    this.watch(await this.start(), startedAt);
  }

  /** When the server went down (ms since the epoch), or undefined while it runs. */
  downSince(): number | undefined {
    return this.down;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.restarting;
    await this.server?.stop();
  }

  private watch(server: PostgresServer, startedAt: number): void {
    this.server = server;
    void server.exited.then((how) => {
      this.server = undefined;
      if (this.stopping) return;
      this.down = this.now();
      this.restartLater(`exited (${how})`, this.now() - startedAt);
    });
  }

  private restartLater(what: string, ranForMs: number): void {
    const delay = nextRestartDelay(this.lastDelayMs, ranForMs, this.policy);
    this.lastDelayMs = delay;
    this.logger.warn(`PostgreSQL ${what}; starting it again in ${delay} ms`);
    this.timer = setTimeout(() => (this.restarting = this.restart()), delay);
  }

  private async restart(): Promise<void> {
    const startedAt = this.now();
    let server: PostgresServer;
    try {
      server = await this.start();
    } catch (e) {
      if (!this.stopping) this.restartLater(`could not start (${(e as Error).message})`, 0);
      return;
    }
    if (this.stopping) return server.stop();
    this.logger.log(`PostgreSQL is running again after ${this.now() - this.down!} ms`);
    this.down = undefined;
    this.watch(server, startedAt);
  }
}
