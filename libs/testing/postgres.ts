// A throwaway PostgreSQL per test file: a fresh data directory in the temp dir, a free port.
import { promises as fs } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import * as path from 'path';
import { startEmbeddedPostgres, EmbeddedPostgres } from '@kubenest/storage/embedded-postgres';

export interface TestPostgres {
  url: string;
  /** Stops the server and removes its data directory. */
  stop(): Promise<void>;
  /** Stops and starts the server on the same data directory and port. */
  restart(): Promise<void>;
  /** Stops the server only (for tests of an outage); start() brings it back. */
  halt(): Promise<void>;
  start(): Promise<void>;
}

export interface TestPostgresOptions {
  /** Another PostgreSQL's binaries, e.g. /usr/lib/postgresql/15/bin. */
  binDir?: string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startTestPostgres(options: TestPostgresOptions = {}): Promise<TestPostgres> {
  const root = await fs.mkdtemp(path.join(tmpdir(), 'kubenest-pg-'));
  // mkdtemp makes it private; the server may run as another user (postgres, when we are root).
  await fs.chmod(root, 0o755);
  const dataDir = path.join(root, 'data');
  const port = await freePort();
  const settings = { max_connections: '200' };
  let server: EmbeddedPostgres | undefined = await startEmbeddedPostgres({
    dataDir,
    port,
    binDir: options.binDir,
    settings,
  });
  const halt = async () => {
    await server?.stop();
    server = undefined;
  };
  const start = async () => {
    server ??= await startEmbeddedPostgres({ dataDir, port, binDir: options.binDir, settings });
  };
  return {
    url: server.url,
    halt,
    start,
    restart: async () => {
      await halt();
      await start();
    },
    stop: async () => {
      await halt();
      await fs.rm(root, { recursive: true, force: true });
    },
  };
}
