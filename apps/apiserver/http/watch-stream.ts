// Streams a watch as newline-delimited JSON events, flushed one by one, until the client
// goes away, the timeout passes, or the cache ends the watch (after an ERROR event).
import { IncomingMessage, ServerResponse } from 'node:http';
import { KubeObject } from '@kubenest/apimachinery';
import { PreparedWatch, Strategy, WatchEvent, columnDefinitions, tableRow, watchEventJson } from '@kubenest/registry';
import { ResponseFormat } from './response-format';

/** kube-apiserver closes a watch without timeoutSeconds (or with 0) after 30 to 60 minutes, so clients re-watch. */
export const defaultTimeoutSeconds = () => 1800 + Math.floor(Math.random() * 1800);

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

/** Streams a watch the registry has checked (a bad resourceVersion was a 400 before this). */
export const streamWatch = (
  strategy: Strategy,
  prepared: PreparedWatch,
  format: ResponseFormat,
  req: IncomingMessage,
  res: ServerResponse,
): void => {
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
      columnDefinitions: columnsSent ? [] : columnDefinitions(strategy),
      rows: [tableRow(strategy, object, format.include)],
    };
    columnsSent = true;
    return JSON.stringify({ type: event.type, object: table });
  };
  const watch = prepared.start((event) => {
    if (res.writableEnded) return;
    const flushed = res.write(`${render(event)}\n`);
    // Let the cache queue (and cut off) a client that does not read, rather than buffer here.
    if (!flushed) return drainedOrClosed(res);
  });
  void watch.done.then(() => {
    if (!res.writableEnded) res.end();
  });
  req.on('close', () => watch.unsubscribe());
};
