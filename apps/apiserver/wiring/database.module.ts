// The database the store lives in: the embedded PostgreSQL, started in the data directory and
// stopped last of all, unless DATABASE_URL names a server of its own.
import { DynamicModule, Module, OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { startSupervisedPostgres, SupervisedPostgres } from '@kubenest/storage';
import { ApiserverConfig } from '../config';
import { embeddedPostgresCheck, HealthCheck } from '../http/health-checks';

/** How long the embedded PostgreSQL may stay down, restarts included, before /livez fails. */
const POSTGRES_MAX_DOWN_MS = 20_000;

export class Database implements OnApplicationShutdown {
  private constructor(
    readonly url: string,
    /** Where the store is: the embedded server's data directory, or "DATABASE_URL". */
    readonly description: string,
    /** Checks behind /livez for this database. */
    readonly livenessChecks: HealthCheck[],
    private readonly embedded?: SupervisedPostgres,
  ) {}

  static async start(config: ApiserverConfig): Promise<Database> {
    if (config.databaseUrl) return new Database(config.databaseUrl, 'DATABASE_URL', []);
    const embedded = await startSupervisedPostgres({ dataDir: join(config.dataDir, 'pg'), port: config.postgresPort });
    const check = embeddedPostgresCheck(() => embedded.downSince(), POSTGRES_MAX_DOWN_MS);
    return new Database(embedded.url, `embedded PostgreSQL in ${embedded.socketDir}`, [check], embedded);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.embedded?.stop();
  }
}

@Module({})
export class DatabaseModule {
  static forRoot(config: ApiserverConfig): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [{ provide: Database, useFactory: () => Database.start(config) }],
      exports: [Database],
    };
  }
}
