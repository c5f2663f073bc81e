// A watch on the watch cache behind the client's Watch handle: events as private copies, and the
// cache's reason for ending translated into the interface's (expired means list again).
import { KubeObject, Status, StatusError } from '@kubenest/apimachinery';
import { CacheWatch, PreparedWatch, WatchEndReason, copyJsonObject } from '@kubenest/registry';
import { Watch, WatchEnd, WatchEvent } from '../resource-client';

const endOf = (reason: WatchEndReason, lastError: Status | undefined): WatchEnd => {
  switch (reason) {
    case 'unsubscribed':
      return 'stopped';
    case 'error':
      return lastError?.code === 410 ? 'expired' : 'failed';
    case 'sink-failed':
      return 'failed';
    default:
      // The timeout passed, the client fell behind, or the cache stopped: the server ended it.
      return 'closed';
  }
};

/**
 * Starts the watch once `prepare` (authorization, the request's checks) has settled. A refused
 * watch delivers its Status as an ERROR event and ends 'failed', as a refused HTTP watch ends.
 */
export const startWatch = <T extends KubeObject>(
  prepare: Promise<PreparedWatch>,
  onEvent: (event: WatchEvent<T>) => void,
): Watch => {
  let stopped = false;
  let cacheWatch: CacheWatch | undefined;
  let lastError: Status | undefined;
  const done = prepare.then(
    async (prepared): Promise<WatchEnd> => {
      if (stopped) return 'stopped';
      cacheWatch = prepared.start((event) => {
        if (event.type === 'ERROR') lastError = event.object as Status;
        // The cache's objects are shared with every watcher: the caller gets its own. They are
        // parsed JSON (a Status or bookmark is plain too), so the field-by-field copy will do.
        onEvent({ type: event.type, object: copyJsonObject(event.object) as T | Status });
      });
      return endOf(await cacheWatch.done, lastError);
    },
    (error: unknown): WatchEnd => {
      const status = StatusError.is(error) ? error : StatusError.internal((error as Error).message);
      if (!stopped) onEvent({ type: 'ERROR', object: status.toStatus() });
      return 'failed';
    },
  );
  return {
    stop: () => {
      stopped = true;
      cacheWatch?.unsubscribe();
    },
    done,
  };
};
