// The role and database the apiserver's store uses on the embedded PostgreSQL: a login role that
// owns the kubenest database and is no superuser, allowed the reserved connection slots
// (pg_use_reserved_connections, PostgreSQL 16+). A data directory made before there was such a
// role (the store's tables in database postgres, owned by the superuser) is moved over on start.
import { Client } from 'pg';

export const STORE_ROLE = 'kubenest';
export const STORE_DATABASE = 'kubenest';

const MAINTENANCE_DATABASE = 'postgres';
/** Connected to while databases are created or renamed (one cannot rename the database one is in). */
const ADMIN_DATABASE = 'template1';

const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

async function onDatabase<T>(superuserUrl: string, database: string, work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabase(superuserUrl, database) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const databaseExists = async (c: Client, name: string) =>
  (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;

/** A login role and no more; the password goes in as a parameter, never in a statement's text
 * (which the server logs when the statement fails). */
async function ensureRole(c: Client, password: string): Promise<void> {
  await c.query("SELECT set_config('kubenest.store_password', $1, false)", [password]);
  await c.query(`DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${STORE_ROLE}') THEN
      CREATE ROLE ${STORE_ROLE};
    END IF;
    EXECUTE format('ALTER ROLE ${STORE_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD %L',
      current_setting('kubenest.store_password'));
  END $$`);
  await c.query(`GRANT pg_use_reserved_connections TO ${STORE_ROLE}`);
}

/** Whether database postgres holds the store, as data directories made before the role have it. */
const holdsOldStore = (superuserUrl: string) =>
  onDatabase(superuserUrl, MAINTENANCE_DATABASE, async (c) =>
    Boolean((await c.query("SELECT to_regclass('public.store_migrations') IS NOT NULL AS found")).rows[0].found),
  );

/** The role owns the schema itself, not through pg_database_owner: a session given a reserved slot
 * has its role memberships worked out before its database is chosen, and PostgreSQL 18 keeps that
 * list for the session, without pg_database_owner (seen: "permission denied for schema public").
 * Tables moved over keep the superuser as owner; a table's new owner also gets its sequences and indexes. */
const giveSchemaToRole = async (c: Client) => {
  await c.query(`ALTER SCHEMA public OWNER TO ${STORE_ROLE}`);
  await c.query(`DO $$ DECLARE t record; BEGIN
    FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND pg_get_userbyid(c.relowner) <> '${STORE_ROLE}'
    LOOP
      EXECUTE format('ALTER TABLE public.%I OWNER TO ${STORE_ROLE}', t.relname);
    END LOOP;
  END $$`);
};

/** Creates or repairs the store's role and database, connecting as the superuser; idempotent. */
export async function ensureStoreRole(superuserUrl: string, password: string): Promise<void> {
  await onDatabase(superuserUrl, ADMIN_DATABASE, async (c) => {
    await ensureRole(c, password);
    if (!(await databaseExists(c, STORE_DATABASE))) {
      const moveOver = (await databaseExists(c, MAINTENANCE_DATABASE)) && (await holdsOldStore(superuserUrl));
      await c.query(
        moveOver
          ? `ALTER DATABASE ${MAINTENANCE_DATABASE} RENAME TO ${STORE_DATABASE}`
          : `CREATE DATABASE ${STORE_DATABASE}`,
      );
    }
    if (!(await databaseExists(c, MAINTENANCE_DATABASE))) await c.query(`CREATE DATABASE ${MAINTENANCE_DATABASE}`);
    await c.query(`ALTER DATABASE ${STORE_DATABASE} OWNER TO ${STORE_ROLE}`);
  });
  await onDatabase(superuserUrl, STORE_DATABASE, giveSchemaToRole);
}
