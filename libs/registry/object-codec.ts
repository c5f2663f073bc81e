// How objects become store values and back: JSON without resourceVersion, which the store's
// modRevision supplies on the way out (as kube-apiserver's etcd3 store does).
import { isDeepStrictEqual } from 'node:util';
import { KubeObject } from '@kubenest/apimachinery';
import { KeyValue } from '@kubenest/storage';

export const encodeObject = (obj: KubeObject): string => {
  // A new object has no resourceVersion yet: the common case needs no copy of its metadata.
  if (obj.metadata.resourceVersion === undefined) return JSON.stringify(obj);
  const { resourceVersion: _dropped, ...metadata } = obj.metadata;
  return JSON.stringify({ ...obj, metadata });
};

export const decodeObject = (kv: Pick<KeyValue, 'value' | 'modRevision'>): KubeObject => {
  const obj = JSON.parse(kv.value) as KubeObject;
  obj.metadata.resourceVersion = String(kv.modRevision);
  return obj;
};

/** A deep copy as the store would give it back: plain JSON, with undefined fields dropped. */
export const copyObject = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Whether two objects store as the same value, whatever the order of their keys. */
export const sameStoredValue = (a: KubeObject, b: KubeObject): boolean =>
  isDeepStrictEqual(JSON.parse(encodeObject(a)), JSON.parse(encodeObject(b)));

/** Store key of an object: /registry/<group or core>/<plural>/[<namespace>/]<name>. */
export const objectKey = (resourcePrefix: string, namespace: string | undefined, name: string): string =>
  namespace ? `${resourcePrefix}${namespace}/${name}` : `${resourcePrefix}${name}`;

export const resourcePrefixOf = (group: string, plural: string): string => `/registry/${group || 'core'}/${plural}/`;
