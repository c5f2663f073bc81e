// Index functions every loop wants: by namespace (client-go's MetaNamespaceIndexFunc), by the
// UIDs of an object's owners (what garbage collection and adoption look up), by the node a pod
// is bound to (what the scheduler and the node agent look up).
import { KubeObject } from '@kubenest/apimachinery';
import type { IndexFunc } from './indexer';

export const OWNER_UID_INDEX = 'ownerUid';
export const NODE_NAME_INDEX = 'spec.nodeName';

export const byNamespace: IndexFunc = (obj) => [obj.metadata.namespace ?? ''];

export const byOwnerUid: IndexFunc = (obj) => (obj.metadata.ownerReferences ?? []).map((ref) => ref.uid);

export const byNodeName: IndexFunc = (obj: KubeObject) => {
  const nodeName = (obj.spec as { nodeName?: string } | undefined)?.nodeName;
  return nodeName ? [nodeName] : [];
};

/** The controller among an object's owners, as metav1.GetControllerOf. */
export const controllerOf = (obj: KubeObject) => obj.metadata.ownerReferences?.find((ref) => ref.controller);
