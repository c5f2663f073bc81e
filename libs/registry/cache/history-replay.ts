// A watch's backlog read from the store's history, for a revision the cache's window no longer
// holds (after an apiserver restart the window starts at the current revision). Pages are read
// one at a time, only once the client has taken the previous one, so a slow client, or many
// replaying at once, each hold one page, never the whole history; and none once the watch has ended.
import { KubeObject } from '@kubenest/apimachinery';
import { KeyValue, Store, StoreError, StoreEvent } from '@kubenest/storage';
import { tooOldResourceVersion, watchTooOld } from './cache-errors';
import { BacklogItem } from './cache-watcher';
import { Predicate } from './selection';
import { Change } from './watch-event';

export interface HistoryReplayOptions {
  store: Store;
  /** The key range to read: the cache's prefix, narrowed to the watch's namespace if it has one. */
  prefix: string;
  /** The changes after this revision ... */
  from: number;
  /** ... up to and including this one. */
  to: number;
  pageSize: number;
  /**
   * Most characters of values a page keeps (at least one change): what a client that stops
   * reading holds, however large its objects. The rest is read again with the next page.
   */
  pageChars: number;
  /** Pause before reading a page again when the store could not be reached. */
  retryDelayMs: number;
  predicate: Predicate;
  /** Decodes a stored value, undefined when it cannot: the cache skips such changes too. */
  decode: (kv: KeyValue) => KubeObject | undefined;
  /**
   * Aborted when the watch ends: a page still waiting its turn at the store is then never read, so
   * clients that open a watch from an old revision and leave at once cost no query.
   */
  ended: AbortSignal;
}

/**
 * The events of the selected objects for every change in (from, to], in revision order: what the
 * cache would have sent had its window reached back that far. A revision below the store's
 * compaction point ends the watch with 410, as a too old one always did.
 */
export function* historyReplay(options: HistoryReplayOptions): Generator<BacklogItem, void, undefined> {
  let after = options.from;
  while (after < options.to) {
    const read: { page?: StoreEvent[] } = {};
    yield readPage(options, after).then((page) => void (read.page = page));
    if (!read.page) continue;
    const fetched = read.page.length;
    const events = withinChars(read.page, options.pageChars);
    // What was cut off is read again with the next page; holding it meanwhile would defeat the cut.
    read.page = undefined;
    const last = events.length === fetched && fetched < options.pageSize;
    after = last ? options.to : events[events.length - 1].revision;
    for (const event of events) {
      const watchEvent = historyChange(event, options.decode)?.eventFor(options.predicate);
      if (watchEvent) yield watchEvent;
    }
  }
}

/** The first changes whose values (and values before) add up to at most chars; never none. */
const withinChars = (events: StoreEvent[], chars: number): StoreEvent[] => {
  let total = 0;
  for (let i = 0; i < events.length; i++) {
    total += events[i].value.length + (events[i].prevValue?.length ?? 0);
    if (total > chars && i > 0) return events.slice(0, i);
  }
  return events;
};

/** One page after `after`; undefined after a pause when the store is unreachable, to try again. */
const readPage = async (options: HistoryReplayOptions, after: number): Promise<StoreEvent[] | undefined> => {
  const { store } = options;
  try {
    return await store.history(options.prefix, after, options.to, options.pageSize, options.ended);
  } catch (error) {
    if (StoreError.is(error, 'compacted')) throw await expired(store, after);
    if (!StoreError.is(error, 'unavailable') && !StoreError.is(error, 'timeout')) throw error;
    await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs));
    return undefined;
  }
};

const expired = async (store: Store, revision: number) => {
  try {
    return tooOldResourceVersion(revision, await store.compactedRevision());
  } catch {
    return watchTooOld();
  }
};

/** A stored change as the cache would have seen it: the value before it decoded from history too. */
const historyChange = (event: StoreEvent, decode: HistoryReplayOptions['decode']): Change | undefined => {
  const { key, createRevision } = event;
  if (event.type === 'delete') {
    const last = decode({ key, value: event.value, createRevision, modRevision: event.prevRevision ?? event.revision });
    return last && new Change(event.revision, key, undefined, last);
  }
  const object = decode({ key, value: event.value, createRevision, modRevision: event.revision });
  if (!object) return undefined;
  const prev =
    event.prevValue === undefined
      ? undefined
      : decode({ key, value: event.prevValue, createRevision, modRevision: event.prevRevision ?? event.revision });
  return new Change(event.revision, key, object, prev);
};
