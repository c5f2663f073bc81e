// Informers and listers: shared informers over a ResourceClient (the kit) and the older one over
// the in-process watch cache.
export { startInformer } from './cache-informer';
export type { Informer, InformerHandler } from './cache-informer';
export { cachedGetter } from './cached-getter';
export type { ObjectGetter } from './cached-getter';
export { Indexer, NAMESPACE_INDEX } from './indexer';
export type { IndexFunc, Lister } from './indexer';
export { byNamespace, byNodeName, byOwnerUid, controllerOf, NODE_NAME_INDEX, OWNER_UID_INDEX } from './index-functions';
export { SharedInformer } from './shared-informer';
export type { InformerEventHandler, InformerOptions, InformerScope } from './shared-informer';
export { InformerFactory } from './informer-factory';
export type { InformerFactoryOptions } from './informer-factory';
