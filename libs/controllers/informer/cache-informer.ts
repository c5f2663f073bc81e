// An informer over the in-process watch cache: every object of a resource as it is now, then
// every change, handed to a callback; a watch the cache ends (overflow, re-list) is resumed
// from the last revision seen, so no change is missed.
import { Logger } from '@nestjs/common';
import { KubeObject } from '@kubenest/apimachinery';
import { CacheWatch, WatchCache, WatchEventType } from '@kubenest/registry';

export type InformerHandler = (type: WatchEventType, obj: KubeObject) => void;

export interface Informer {
  stop(): void;
}

const RESUME_DELAY_MS = 500;

export const startInformer = (
  cache: WatchCache,
  handler: InformerHandler,
  logger = new Logger('Informer'),
): Informer => {
  let stopped = false;
  let revision = 0;
  let watch: CacheWatch | undefined;
  let timer: NodeJS.Timeout | undefined;

  const subscribe = (): void => {
    if (stopped) return;
    watch = cache.watch({ fromRevision: revision }, (event) => {
      if (event.type === 'ERROR' || event.type === 'BOOKMARK') return;
      const obj = event.object as KubeObject;
      revision = Number(obj.metadata.resourceVersion) || revision;
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
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      watch?.unsubscribe();
    },
  };
};
