// One LISTEN connection per process: a doorbell that rings when a new revision commits.
// It reconnects with backoff; the history table stays the source of truth.
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { Backoff, backoffDelay } from '@kubenest/apimachinery/wait';
import { REVISION_CHANNEL } from './sql';

const RECONNECT: Backoff = { baseMs: 100, maxMs: 5000 };

export class RevisionListener {
  private readonly logger = new Logger('RevisionListener');
  private client?: Client;
  private stopped = false;
  private failures = 0;
  private retryTimer?: NodeJS.Timeout;

  constructor(
    private readonly url: string,
    /** Called with each notified revision and the origin id of the process that committed it. */
    private readonly onRevision: (revision: number, origin: string) => void,
    /** Called on every (re)connection: notifications may have been missed meanwhile. */
    private readonly onConnected: () => void,
  ) {}

  start(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.url, keepAlive: true, connectionTimeoutMillis: 5000 });
    this.client = client;
    let failed = false;
    const fail = (error?: Error) => {
      if (failed) return;
      failed = true;
      if (this.client === client) this.client = undefined;
      client.end().catch(() => undefined);
      if (this.stopped) return;
      const delay = backoffDelay(this.failures++, RECONNECT);
      this.logger.warn(`LISTEN connection lost (${error?.message ?? 'ended'}); retrying in ${delay} ms`);
      this.retryTimer = setTimeout(() => void this.connect(), delay);
    };
    client.on('error', fail);
    client.on('end', () => fail());
    client.on('notification', (message) => {
      const [revision, origin = ''] = (message.payload ?? '').split(' ');
      if (Number.isFinite(Number(revision))) this.onRevision(Number(revision), origin);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${REVISION_CHANNEL}`);
    } catch (error) {
      fail(error as Error);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.failures = 0;
    this.onConnected();
  }
}
