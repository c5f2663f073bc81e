// Decides a batch of writes in memory, in submission order, against the keys' current state:
// the pure half of group commit. Ops on one key see each other's results.
import { KeyValue, Preconditions } from './store';
import { StoreError } from './store-error';

export type WriteOp =
  | { type: 'create'; key: string; value: string }
  | { type: 'update'; key: string; value: string; preconditions: Preconditions }
  | { type: 'delete'; key: string; preconditions: Preconditions };

/** One history row to insert; the batch's last row per key (final) sets store_current. */
export interface HistoryRecord {
  revision: number;
  key: string;
  value: string;
  create_revision: number;
  prev_revision: number | null;
  deleted: boolean;
  final: boolean;
}

export type WriteOutcome = { ok: true; value: KeyValue } | { ok: false; error: StoreError };

export interface WritePlan {
  outcomes: WriteOutcome[];
  records: HistoryRecord[];
  /** The counter's value after the batch (unchanged when nothing succeeded). */
  revision: number;
}

function checkPreconditions(op: WriteOp, current: KeyValue | undefined): StoreError | undefined {
  if (op.type === 'create') {
    return (
      current && new StoreError('exists', `key ${op.key} already exists`, op.key, { modRevision: current.modRevision })
    );
  }
  if (!current) return new StoreError('not-found', `key ${op.key} not found`, op.key);
  const wanted = op.preconditions.modRevision;
  if (wanted !== undefined && wanted !== current.modRevision) {
    return new StoreError('conflict', `key ${op.key} is at revision ${current.modRevision}, not ${wanted}`, op.key, {
      modRevision: current.modRevision,
    });
  }
  return undefined;
}

export function planWriteBatch(ops: WriteOp[], current: Map<string, KeyValue>, baseRevision: number): WritePlan {
  const state = new Map(current);
  const outcomes: WriteOutcome[] = [];
  const records: HistoryRecord[] = [];
  const lastRecordOfKey = new Map<string, HistoryRecord>();
  let revision = baseRevision;

  for (const op of ops) {
    const before = state.get(op.key);
    const error = checkPreconditions(op, before);
    if (error) {
      outcomes.push({ ok: false, error });
      continue;
    }
    revision += 1;
    const record: HistoryRecord =
      op.type === 'delete'
        ? {
            revision,
            key: op.key,
            value: before!.value,
            create_revision: before!.createRevision,
            prev_revision: before!.modRevision,
            deleted: true,
            final: false,
          }
        : {
            revision,
            key: op.key,
            value: op.value,
            create_revision: before ? before.createRevision : revision,
            prev_revision: before ? before.modRevision : null,
            deleted: false,
            final: false,
          };
    const value: KeyValue = {
      key: op.key,
      value: record.value,
      createRevision: record.create_revision,
      modRevision: revision,
    };
    if (op.type === 'delete') state.delete(op.key);
    else state.set(op.key, value);
    records.push(record);
    lastRecordOfKey.set(op.key, record);
    outcomes.push({ ok: true, value });
  }
  for (const record of lastRecordOfKey.values()) record.final = true;
  return { outcomes, records, revision };
}
