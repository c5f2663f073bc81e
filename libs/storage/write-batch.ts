// The pure half of group commit: a batch of writes split into statements on distinct keys, sent
// as JSON, and each op's outcome (KeyValue or StoreError, plus its watch event) read back from
// the row PostgreSQL decided for it.
import { AppliedOpRow } from './rows';
import { KeyValue, Preconditions, StoreEvent } from './store';
import { StoreError } from './store-error';

export type WriteOp =
  | { type: 'create'; key: string; value: string }
  | { type: 'update'; key: string; value: string; preconditions: Preconditions }
  | { type: 'delete'; key: string; preconditions: Preconditions };

export type WriteOutcome = { ok: true; value: KeyValue; event: StoreEvent } | { ok: false; error: StoreError };

/**
 * Consecutive runs of items with distinct keys, in order: one statement decides a run set-wise,
 * and a later write to the same key goes to the next run, which sees the earlier one's result.
 */
export function splitByKey<T>(items: T[], keyOf: (item: T) => string): T[][] {
  const runs: T[][] = [];
  let keys = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    if (runs.length === 0 || keys.has(key)) {
      runs.push([]);
      keys = new Set();
    }
    keys.add(key);
    runs[runs.length - 1].push(item);
  }
  return runs;
}

/** What applyWriteOps reads of a run of ops: i orders them, p is the required modRevision; values travel apart. */
export function writeOpsJson(ops: WriteOp[]): string {
  return JSON.stringify(
    ops.map((op, i) => ({
      i,
      t: op.type,
      k: op.key,
      p: op.type === 'create' ? undefined : op.preconditions.modRevision,
    })),
  );
}

/** The ops' values in op order (none for a delete), the i-th for op i. */
export const writeOpValues = (ops: WriteOp[]): (string | undefined)[] =>
  ops.map((op) => (op.type === 'delete' ? undefined : op.value));

function failure(op: WriteOp, modRevision: number | undefined): StoreError {
  if (op.type === 'create') {
    return new StoreError('exists', `key ${op.key} already exists`, op.key, { modRevision: modRevision! });
  }
  if (modRevision === undefined) return new StoreError('not-found', `key ${op.key} not found`, op.key);
  const wanted = op.preconditions.modRevision;
  return new StoreError('conflict', `key ${op.key} is at revision ${modRevision}, not ${wanted}`, op.key, {
    modRevision,
  });
}

/** The op's outcome, and on success the event history will hold for it (as the history reader builds it). */
export function writeOutcome(op: WriteOp, row: AppliedOpRow): WriteOutcome {
  const prevRevision = row.cur_mod === null ? undefined : Number(row.cur_mod);
  if (row.revision === null) return { ok: false, error: failure(op, prevRevision) };
  const revision = Number(row.revision);
  const createRevision = row.cur_create === null ? revision : Number(row.cur_create);
  const value = op.type === 'delete' ? row.cur_value! : op.value;
  const event: StoreEvent = {
    type: op.type === 'delete' ? 'delete' : 'put',
    key: op.key,
    value,
    revision,
    createRevision,
  };
  if (prevRevision !== undefined) event.prevRevision = prevRevision;
  if (row.cur_value !== null) event.prevValue = row.cur_value;
  return { ok: true, value: { key: op.key, value, createRevision, modRevision: revision }, event };
}
