// Every statement the store sends to PostgreSQL, named for what it does. Key ranges are
// half-open [prefix, prefixEnd) so they use the key indexes; an empty prefix has no end.

/** LISTEN/NOTIFY channel whose payload is the newest committed revision. */
export const REVISION_CHANNEL = 'store_revision';

export const selectCurrentRevision = `SELECT revision FROM store_revision WHERE id = 1`;

export const selectCompactedRevision = `SELECT revision FROM store_compaction WHERE id = 1`;

/**
 * Opens a write transaction and takes the counter's row lock, in one round trip (no parameters,
 * so the simple protocol allows two statements). The lock serialises writers until COMMIT, so
 * commit order is revision order.
 */
export const beginAndLockRevisionCounter = `BEGIN; SELECT 1 FROM store_revision WHERE id = 1 FOR UPDATE`;

/**
 * Run after the lock, so its snapshot sees every earlier batch: the counter (stable while we
 * hold its lock) and the current rows of the batch's keys.
 */
export const selectRevisionAndCurrentRows = `
  SELECT r.revision AS base_revision, c.key, c.value, c.create_revision, c.mod_revision
  FROM store_revision r
  LEFT JOIN store_current c ON c.key = ANY($1::text[])
  WHERE r.id = 1`;

/**
 * Applies a decided batch in one statement: $1 is a JSON array of history rows, parsed once;
 * rows marked final carry each key's end state for store_current; $2 is the new revision.
 */
export const applyWriteBatch = `
  WITH ops AS MATERIALIZED (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS o(
      revision bigint, key text, value text, create_revision bigint,
      prev_revision bigint, deleted boolean, final boolean)
  ),
  history AS (
    INSERT INTO store_history (revision, key, value, create_revision, prev_revision, deleted)
    SELECT revision, key, value, create_revision, prev_revision, deleted FROM ops
  ),
  upserted AS (
    INSERT INTO store_current (key, value, create_revision, mod_revision)
    SELECT key, value, create_revision, revision FROM ops WHERE final AND NOT deleted
    ON CONFLICT (key) DO UPDATE SET value = excluded.value,
      create_revision = excluded.create_revision, mod_revision = excluded.mod_revision
  ),
  removed AS (
    DELETE FROM store_current c USING ops WHERE ops.final AND ops.deleted AND c.key = ops.key
  ),
  counter AS (
    UPDATE store_revision SET revision = $2::bigint WHERE id = 1
  )
  SELECT pg_notify('${REVISION_CHANNEL}', $2::bigint::text)`;

export const selectCurrentByKey = `
  SELECT key, value, create_revision, mod_revision FROM store_current WHERE key = $1`;

const keyRange = (column: string, bounded: boolean) =>
  bounded ? `${column} >= $1 AND ${column} < $2` : `${column} >= $1 AND $2::text IS NULL`;

/** $1 prefix, $2 prefix end, $3 after key ('' for none), $4 limit (null for all). One snapshot. */
export const listCurrent = (bounded: boolean) => `
  SELECT r.revision AS current_revision, c.key, c.value, c.create_revision, c.mod_revision
  FROM store_revision r
  LEFT JOIN LATERAL (
    SELECT key, value, create_revision, mod_revision FROM store_current
    WHERE ${keyRange('key', bounded)} AND key > $3
    ORDER BY key LIMIT $4
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
