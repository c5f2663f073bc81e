// An informer over the in-process watch cache: every object of a resource as it is now, then
// every change, handed to a callback; a watch the cache ends (overflow, re-list) is resumed
// from the last revision seen, so no change is missed. Starting over from the current state,
// it reports the objects deleted meanwhile as DELETED, as client-go's Replace does.
import { Logger } from '@nestjs/common';
import { KubeObject } from '@kubenest/apimachinery';
import { CacheWatch, INITIAL_EVENTS_END_ANNOTATION, WatchCache, WatchEventType } from '@kubenest/registry';

export type InformerHandler = (type: WatchEventType, obj: KubeObject) => void;

export interface Informer {
  /** Resolves once the handler has been given every object that existed when the informer started,
   * as client-go's HasSynced tells. */
  synced: Promise<void>;
  stop(): void;
}

const RESUME_DELAY_MS = 500;

const keyOf = (obj: KubeObject): string => `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;

export const startInformer = (
  cache: WatchCache,
  handler: InformerHandler,
  logger = new Logger('Informer'),
): Informer => {
  let stopped = false;
  let revision = 0;
  let watch: CacheWatch | undefined;
  let timer: NodeJS.Timeout | undefined;
  let markSynced = (): void => undefined;
  const synced = new Promise<void>((resolve) => (markSynced = resolve));
  /** What the handler was last told of each object it knows to exist. */
  const known = new Map<string, KubeObject>();

  /** After a full list: whatever the handler knows and the list did not hold was deleted meanwhile. */
  const forgetAllBut = (listed: Set<string>): void => {
    for (const [key, obj] of known) {
      if (listed.has(key)) continue;
      known.delete(key);
      handler('DELETED', obj);
    }
  };

  const subscribe = (): void => {
    if (stopped) return;
    let listed = revision === 0 ? new Set<string>() : undefined;
    watch = cache.watch({ fromRevision: revision, sendInitialEvents: revision === 0 }, (event) => {
      if (event.type === 'ERROR') return;
      const obj = event.object as KubeObject;
      revision = Number(obj.metadata.resourceVersion) || revision;
      if (event.type === 'BOOKMARK') {
        if (listed && obj.metadata.annotations?.[INITIAL_EVENTS_END_ANNOTATION]) {
          forgetAllBut(listed);
          markSynced();
        }
        listed = undefined;
        return;
      }
      const key = keyOf(obj);
      listed?.add(key);
      if (event.type === 'DELETED') known.delete(key);
      else known.set(key, obj);
      handler(event.type, obj);
    });
    void watch.done.then((reason) => {
      if (stopped || reason === 'unsubscribed' || reason === 'stopped') return;
      // A revision gone from the store's history (compacted) means starting over from the current
      // state; one only gone from the cache's window is replayed from the store.
      if (reason === 'error') revision = 0;
      logger.debug(`watch ended (${reason}); resuming from ${revision}`);
      timer = setTimeout(subscribe, RESUME_DELAY_MS);
      timer.unref();
    });
  };
  subscribe();
  return {
    synced,
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      watch?.unsubscribe();
    },
  };
};
