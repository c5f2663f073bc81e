// Informers and listers over the in-process watch cache.
export { startInformer } from './cache-informer';
export type { Informer, InformerHandler } from './cache-informer';
export { cachedGetter } from './cached-getter';
export type { ObjectGetter } from './cached-getter';
