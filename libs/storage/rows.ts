// Rows as PostgreSQL returns them (bigints as strings) and their conversion to store types.
import { KeyValue, StoreEvent } from './store';

export interface CurrentRow {
  key: string;
  value: string;
  create_revision: string;
  mod_revision: string;
}

export interface HistoryEventRow {
  revision: string;
  key: string;
  value: string;
  create_revision: string;
  prev_revision: string | null;
  deleted: boolean;
  prev_value: string | null;
}

export function toKeyValue(row: CurrentRow): KeyValue {
  return {
    key: row.key,
    value: row.value,
    createRevision: Number(row.create_revision),
    modRevision: Number(row.mod_revision),
  };
}

export function toStoreEvent(row: HistoryEventRow): StoreEvent {
  const event: StoreEvent = {
    type: row.deleted ? 'delete' : 'put',
    key: row.key,
    value: row.value,
    revision: Number(row.revision),
    createRevision: Number(row.create_revision),
  };
  if (row.prev_revision !== null) event.prevRevision = Number(row.prev_revision);
  if (row.prev_value !== null) event.prevValue = row.prev_value;
  return event;
}

/** applyWriteOps' row for one op: the revision it took (null: it failed) and the key's state before. */
export interface AppliedOpRow {
  i: number;
  revision: string | null;
  cur_create: string | null;
  cur_mod: string | null;
  /** Only for updates and deletes. */
  cur_value: string | null;
}
