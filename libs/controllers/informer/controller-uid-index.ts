// What a controller may claim, as kube's FilterPodsByOwner over its controller-UID index: the
// objects whose controller reference names it, plus the orphans of its namespace it may adopt.
// Both are index lookups, so a sync costs what the controller owns, not the size of its namespace.
import { KubeObject } from '@kubenest/apimachinery';
import type { IndexFunc, Lister } from './indexer';
import { controllerOf } from './index-functions';

export const CONTROLLER_UID_INDEX = 'controllerUid';

const orphansKey = (namespace: string) => `orphans/${namespace}`;

/** Under its controller's UID, or under its namespace's orphan key when nothing controls it. */
export const byControllerUid: IndexFunc = (obj) => {
  const ref = controllerOf(obj);
  return [ref ? ref.uid : orphansKey(obj.metadata.namespace ?? '')];
};

/** The objects `owner` controls in its namespace and the orphans there; the lister must hold CONTROLLER_UID_INDEX. */
export const controlledOrOrphans = <T extends KubeObject>(lister: Lister<T>, owner: KubeObject): T[] => {
  const namespace = owner.metadata.namespace ?? '';
  const inNamespace = (obj: T) => (obj.metadata.namespace ?? '') === namespace;
  // A reference's uid is the writer's to choose: one shaped like an orphan key names no orphan.
  const orphans = lister.byIndex(CONTROLLER_UID_INDEX, orphansKey(namespace)).filter((obj) => !controllerOf(obj));
  return [...lister.byIndex(CONTROLLER_UID_INDEX, owner.metadata.uid!), ...orphans].filter(inNamespace);
};
