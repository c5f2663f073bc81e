// Streams a watch as newline-delimited JSON events, flushed one by one, until the client
// goes away, the timeout passes, or the cache ends the watch (after an ERROR event).
import { IncomingMessage, ServerResponse } from 'node:http';
import { KubeObject } from '@kubenest/apimachinery';
import { ResourceEntry, Selection, WatchEvent, columnDefinitions, tableRow, watchEventJson } from '@kubenest/registry';
import { parseResourceVersion } from './resource-version';
import { ResponseFormat } from './response-format';

export interface WatchQuery {
  resourceVersion?: string;
  timeoutSeconds?: number;
  allowWatchBookmarks?: boolean;
  sendInitialEvents?: boolean;
}

/** kube-apiserver closes a watch without timeoutSeconds (or with 0) after 30 to 60 minutes, so clients re-watch. */
const defaultTimeoutSeconds = () => 1800 + Math.floor(Math.random() * 1800);

/**
 * Resolves when the response can take more or has closed. Whichever comes first takes the other
 * listener away with it: a long watch to a slow client waits thousands of times.
 */
const drainedOrClosed = (res: ServerResponse): Promise<void> =>
  new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done).once('close', done);
  });

export const streamWatch = (
  entry: ResourceEntry,
  selection: Selection,
  query: WatchQuery,
  format: ResponseFormat,
  req: IncomingMessage,
  res: ServerResponse,
): void => {
  // Before the response starts: a bad resourceVersion is a 400, not a watch from now.
  const fromRevision = query.resourceVersion ? parseResourceVersion(query.resourceVersion) : 0;
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Cache-Control', 'no-cache, private');
  res.socket?.setNoDelay(true);
  res.flushHeaders();
  let columnsSent = false;
  /** The event's line: plain events are serialized once and shared by every watcher that gets them. */
  const render = (event: WatchEvent): string => {
    if (!format.table || event.type === 'BOOKMARK' || event.type === 'ERROR') return watchEventJson(event);
    const object = event.object as KubeObject;
    const table = {
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: object.metadata?.resourceVersion },
      columnDefinitions: columnsSent ? [] : columnDefinitions(entry.strategy),
      rows: [tableRow(entry.strategy, object, format.include)],
    };
    columnsSent = true;
    return JSON.stringify({ type: event.type, object: table });
  };
  const watch = entry.cache.watch(
    {
      ...selection,
      fromRevision,
      allowBookmarks: !!query.allowWatchBookmarks,
      sendInitialEvents: query.sendInitialEvents,
      timeoutMs: (query.timeoutSeconds || defaultTimeoutSeconds()) * 1000,
    },
    (event) => {
      if (res.writableEnded) return;
      const flushed = res.write(`${render(event)}\n`);
      // Let the cache queue (and cut off) a client that does not read, rather than buffer here.
      if (!flushed) return drainedOrClosed(res);
    },
  );
  void watch.done.then(() => {
    if (!res.writableEnded) res.end();
  });
  req.on('close', () => watch.unsubscribe());
};
