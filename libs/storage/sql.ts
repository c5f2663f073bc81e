// Every statement the store sends to PostgreSQL, named for what it does. Key ranges are
// half-open [prefix, prefixEnd) so they use the key indexes; an empty prefix has no end.
import { sqlStringLiteral, sqlTextArray } from './sql-literal';

/** LISTEN/NOTIFY channel; the payload is the newest committed revision and the writer's origin id, space-separated. */
export const REVISION_CHANNEL = 'store_revision';

export const selectCurrentRevision = `SELECT revision FROM store_revision WHERE id = 1`;

export const selectCompactedRevision = `SELECT revision FROM store_compaction WHERE id = 1`;

/**
 * The value of a current row `c`: its history row's at mod_revision (see the
 * CurrentReferencesHistory migration). A subquery, so that it is one primary-key probe per row
 * that needs it, never a join over the whole history.
 */
const currentValue = (c: string) => `(SELECT h.value FROM store_history h WHERE h.revision = ${c}.mod_revision)`;

/** Taken first in every write transaction: the counter's row lock serialises writers until COMMIT. */
export const lockRevisionCounter = `SELECT 1 FROM store_revision WHERE id = 1 FOR UPDATE`;

/**
 * Decides and applies write ops on distinct keys in one statement. It runs after
 * lockRevisionCounter in the same transaction, so under READ COMMITTED its snapshot sees every
 * earlier commit and nobody else can write until ours: the current rows it reads are the truth.
 * An op succeeds when its key is absent (create) or present at the expected modRevision (update,
 * delete); successful ops take the next revisions in op order (i). Each op's row returns the
 * revision it took (null when it failed) and the key's state before it; the value only for
 * updates and deletes, which need it for the watch event and the deleted KeyValue.
 * `ops` is a JSON array of {i, t: create|update|delete, k, p?: required modRevision}, `values`
 * the ops' values in the same order (undefined for a delete); `origin` the writer's id, sent with
 * the NOTIFY. Planned afresh each time (a prepared statement measured
 * no faster, and a generic plan could outlive the table statistics it was made for).
 */
export const applyWriteOps = (ops: string, values: (string | undefined)[], origin: string) => `
  WITH ops AS MATERIALIZED (
    SELECT o.i, o.t, o.k, (${sqlTextArray(values).array})[o.i + 1] AS v, o.p
    FROM jsonb_to_recordset(${sqlStringLiteral(ops)}::jsonb) AS o(i int, t text, k text, p bigint)
  ),
  decided AS MATERIALIZED (
    SELECT o.i, o.t, o.k, o.v, c.create_revision AS cur_create, c.mod_revision AS cur_mod,
      CASE WHEN o.t <> 'create' THEN ${currentValue('c')} END AS cur_value,
      CASE WHEN o.t = 'create' THEN c.key IS NULL
        ELSE c.key IS NOT NULL AND (o.p IS NULL OR o.p = c.mod_revision) END AS ok
    -- One primary-key probe per op: current rows are narrow, and as a plain join the planner,
    -- counting on a hundred ops, would rather hash a scan of the whole table.
    FROM ops o LEFT JOIN LATERAL (
      SELECT key, create_revision, mod_revision FROM store_current WHERE key = o.k LIMIT 1
    ) c ON true
  ),
  applied AS MATERIALIZED (
    SELECT d.*, r.revision + row_number() OVER (ORDER BY d.i) AS revision
    FROM decided d CROSS JOIN store_revision r
    WHERE d.ok AND r.id = 1
  ),
  history AS (
    INSERT INTO store_history (revision, key, value, create_revision, prev_revision, deleted)
    SELECT revision, k, CASE WHEN t = 'delete' THEN cur_value ELSE v END,
      CASE WHEN t = 'create' THEN revision ELSE cur_create END, cur_mod, t = 'delete'
    FROM applied
  ),
  created AS (
    INSERT INTO store_current (key, create_revision, mod_revision)
    SELECT k, revision, revision FROM applied WHERE t = 'create'
  ),
  updated AS (
    UPDATE store_current c SET mod_revision = a.revision
    FROM applied a WHERE a.t = 'update' AND c.key = a.k
  ),
  removed AS (
    DELETE FROM store_current c USING applied a WHERE a.t = 'delete' AND c.key = a.k
  ),
  counter AS (
    UPDATE store_revision r SET revision = a.revision
    FROM (SELECT max(revision) AS revision FROM applied) a
    WHERE r.id = 1 AND a.revision IS NOT NULL
    RETURNING pg_notify('${REVISION_CHANNEL}', a.revision || ' ' || ${sqlStringLiteral(origin)})
  )
  SELECT d.i, a.revision, d.cur_create, d.cur_mod, CASE WHEN d.t <> 'create' THEN d.cur_value END AS cur_value
  FROM decided d LEFT JOIN applied a ON a.i = d.i
  ORDER BY d.i`;

/**
 * One write transaction in one round trip: the simple query protocol runs the statements as a
 * single implicit transaction and commits after the last. It cannot carry parameters, hence the
 * literals. READ COMMITTED whatever the server's default, so that each statement takes a fresh
 * snapshot. Its results: two empty ones, then one applyWriteOps result per run.
 */
export const writeTransaction = (runs: { ops: string; values: (string | undefined)[] }[], origin: string) =>
  [
    'SET TRANSACTION ISOLATION LEVEL READ COMMITTED',
    lockRevisionCounter,
    ...runs.map((run) => applyWriteOps(run.ops, run.values, origin)),
  ].join(';\n');

export const selectCurrentByKey = `
  SELECT c.key, ${currentValue('c')} AS value, c.create_revision, c.mod_revision
  FROM store_current c WHERE c.key = $1`;

const keyRange = (column: string, bounded: boolean) =>
  bounded ? `${column} >= $1 AND ${column} < $2` : `${column} >= $1 AND $2::text IS NULL`;

/** $1 prefix, $2 prefix end, $3 after key ('' for none), $4 limit (null for all). One snapshot. */
export const listCurrent = (bounded: boolean) => `
  SELECT r.revision AS current_revision, c.key, c.value, c.create_revision, c.mod_revision
  FROM store_revision r
  LEFT JOIN LATERAL (
    SELECT c.key, ${currentValue('c')} AS value, c.create_revision, c.mod_revision
    FROM store_current c
    WHERE ${keyRange('c.key', bounded)} AND c.key > $3
    ORDER BY c.key LIMIT $4
  ) c ON true
  WHERE r.id = 1
  ORDER BY c.key`;

/**
 * As listCurrent but at revision $5: each key's latest history row at or below it, unless a
 * delete. Returns the current and compacted revisions from the same snapshot for the checks.
 */
export const listAtRevision = (bounded: boolean) => `
  SELECT r.revision AS current_revision, k.revision AS compacted_revision,
    h.key, h.value, h.create_revision, h.revision AS mod_revision
  FROM store_revision r
  JOIN store_compaction k ON k.id = 1
  LEFT JOIN LATERAL (
    SELECT h.key, h.value, h.create_revision, h.revision FROM store_history h
    WHERE ${keyRange('h.key', bounded)} AND h.key > $3 AND h.revision <= $5 AND NOT h.deleted
      AND NOT EXISTS (
        SELECT 1 FROM store_history n WHERE n.key = h.key AND n.revision > h.revision AND n.revision <= $5)
    ORDER BY h.key LIMIT $4
  ) h ON true
  WHERE r.id = 1
  ORDER BY h.key`;

export const countCurrent = (bounded: boolean) => `
  SELECT count(*) AS count FROM store_current WHERE ${keyRange('key', bounded)}`;

/**
 * History rows in ($3, $4] (optionally under a prefix), oldest first, each with the value it
 * replaced, plus the compaction point from the same snapshot: if it is above $3 rows may be gone.
 */
export const readHistory = (filter: 'all' | 'bounded' | 'unbounded') => `
  SELECT k.revision AS compacted_revision, h.revision, h.key, h.value, h.create_revision,
    h.prev_revision, h.deleted, p.value AS prev_value
  FROM store_compaction k
  LEFT JOIN LATERAL (
    SELECT * FROM store_history h
    WHERE h.revision > $3 AND h.revision <= $4
      ${filter === 'all' ? 'AND $1::text IS NULL AND $2::text IS NULL' : `AND ${keyRange('h.key', filter === 'bounded')}`}
    ORDER BY h.revision LIMIT $5
  ) h ON true
  LEFT JOIN store_history p ON p.revision = h.prev_revision
  WHERE k.id = 1
  ORDER BY h.revision`;

/** Locks the compaction point so compactions in several processes run one at a time. */
export const lockCompaction = `
  SELECT r.revision AS current_revision, k.revision AS compacted_revision
  FROM store_revision r JOIN store_compaction k ON k.id = 1
  WHERE r.id = 1 FOR UPDATE OF k`;

export const setCompactedRevision = `UPDATE store_compaction SET revision = $1 WHERE id = 1`;

/** Set-based compaction: rows superseded at or below $1, and tombstones at or below it. */
export const deleteCompactedHistory = `
  DELETE FROM store_history h
  WHERE h.revision <= $1 AND (h.deleted OR EXISTS (
    SELECT 1 FROM store_history n WHERE n.key = h.key AND n.revision > h.revision AND n.revision <= $1))`;
