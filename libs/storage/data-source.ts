// The TypeORM DataSource the store runs on, wired with the store's migrations.
import { DataSource } from 'typeorm';
import { CreateStore1732550400000 } from '../../migrations/1732550400000-create-store';
import { CurrentReferencesHistory1764100000000 } from '../../migrations/1764100000000-current-references-history';

export interface DataSourceOptions {
  /** Connections in the pool (default DEFAULT_POOL_SIZE). */
  poolSize?: number;
  /** Shown in pg_stat_activity. */
  applicationName?: string;
}

export const DEFAULT_POOL_SIZE = 10;

/** Arbitrary but fixed: serialises schema migrations across processes starting together. */
const MIGRATION_LOCK_ID = 7_210_352_418;

export function createDataSource(url: string, options: DataSourceOptions = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    migrations: [CreateStore1732550400000, CurrentReferencesHistory1764100000000],
    migrationsTableName: 'store_migrations',
    migrationsRun: false,
    synchronize: false,
    logging: false,
    applicationName: options.applicationName ?? 'kubenest',
    extra: {
      max: options.poolSize ?? DEFAULT_POOL_SIZE,
      // Fail fast while PostgreSQL is down so callers get 'unavailable' instead of hanging.
      connectionTimeoutMillis: 5000,
      keepAlive: true,
    },
  });
}

/** Initializes the DataSource if needed and applies pending migrations, one process at a time. */
export async function runMigrations(dataSource: DataSource): Promise<void> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await dataSource.runMigrations({ transaction: 'all' });
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await lock.release();
  }
}
