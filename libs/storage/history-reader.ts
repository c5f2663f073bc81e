// Reads pages of history as watch events, together with the compaction point of the same snapshot.
import { DataSource } from 'typeorm';
import { prefixEnd } from './key-range';
import { toStoreError } from './pg-errors';
import { HistoryEventRow, toStoreEvent } from './rows';
import { readHistory } from './sql';
import { StoreEvent } from './store';

export interface HistoryPage {
  events: StoreEvent[];
  /** The compaction point when read; above `after`, the page may miss rows. */
  compactedRevision: number;
}

export type HistoryReader = (after: number, upTo: number, prefix: string, limit: number) => Promise<HistoryPage>;

const statements = { all: readHistory('all'), bounded: readHistory('bounded'), unbounded: readHistory('unbounded') };

export function historyReader(dataSource: DataSource): HistoryReader {
  return async (after, upTo, prefix, limit) => {
    const end = prefixEnd(prefix);
    const statement = prefix === '' ? statements.all : end === undefined ? statements.unbounded : statements.bounded;
    let rows: (HistoryEventRow & { compacted_revision: string })[];
    try {
      rows = await dataSource.query(statement, [prefix === '' ? null : prefix, end ?? null, after, upTo, limit]);
    } catch (error) {
      throw toStoreError(error);
    }
    return {
      compactedRevision: Number(rows[0].compacted_revision),
      events: rows.filter((row) => row.revision !== null).map(toStoreEvent),
    };
  };
}
