// Informers and listers over a ResourceClient, as client-go's: shared informers, their factory,
// indexers, and a getter that reads through a lister.
export { Indexer, NAMESPACE_INDEX } from './indexer';
export type { IndexFunc, Lister } from './indexer';
export { byNamespace, byNodeName, byOwnerUid, controllerOf, NODE_NAME_INDEX, OWNER_UID_INDEX } from './index-functions';
export { byControllerUid, CONTROLLER_UID_INDEX, controlledOrOrphans } from './controller-uid-index';
export { listerGetter } from './lister-getter';
export type { ObjectGetter } from './lister-getter';
export { SharedInformer } from './shared-informer';
export type { InformerEventHandler, InformerOptions, InformerScope } from './shared-informer';
export { InformerFactory } from './informer-factory';
export type { InformerFactoryOptions } from './informer-factory';
