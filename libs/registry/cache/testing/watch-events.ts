// Watch helpers for cache tests: collect a watch's events, and summarise them to compare.
import { KubeObject } from '@kubenest/apimachinery';
import { CacheWatch } from '../cache-watcher';
import { CacheWatchOptions, WatchCache } from '../watch-cache';
import { WatchEvent } from '../watch-event';

export const collect = (cache: WatchCache, options: CacheWatchOptions = {}) => {
  const events: WatchEvent[] = [];
  const handle: CacheWatch = cache.watch(options, (e) => void events.push(e));
  return { events, handle };
};

/** "TYPE name@rv" per event, compact to compare. */
export const summary = (events: WatchEvent[]) =>
  events.map((e) => {
    const meta = (e.object as KubeObject).metadata ?? {};
    return e.type === 'ERROR'
      ? `ERROR ${(e.object as { code: number }).code}`
      : `${e.type} ${meta.name ?? ''}@${meta.resourceVersion}`;
  });
