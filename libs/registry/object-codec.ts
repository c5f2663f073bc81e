// How objects become store values and back: JSON without resourceVersion, which the store's
// modRevision supplies on the way out (as kube-apiserver's etcd3 store does).
import { isDeepStrictEqual } from 'node:util';
import { KubeObject } from '@kubenest/apimachinery';
import { KeyValue } from '@kubenest/storage';

export const encodeObject = (obj: KubeObject): string => {
  const { apiVersion, kind, metadata, ...rest } = obj;
  // apiVersion, kind, metadata first, as kube writes objects: the stored JSON's top-level
  // metadata is then its first "metadata":{, where jsonWithResourceVersion adds the revision.
  if (metadata.resourceVersion === undefined) return JSON.stringify({ apiVersion, kind, metadata, ...rest });
  const { resourceVersion: _dropped, ...unversioned } = metadata;
  return JSON.stringify({ apiVersion, kind, metadata: unversioned, ...rest });
};

const METADATA = '"metadata":{';

/** An object's JSON with its resourceVersion, from what encodeObject stored, without parsing it again. */
export const jsonWithResourceVersion = (encoded: string, revision: number): string => {
  const at = encoded.indexOf(METADATA) + METADATA.length;
  const field = `"resourceVersion":"${revision}"`;
  return `${encoded.slice(0, at)}${field}${encoded[at] === '}' ? '' : ','}${encoded.slice(at)}`;
};

// The JSON of objects the store just wrote, so a response need not serialise them again.
const writtenJson = new WeakMap<KubeObject, string>();

/** Remembers obj's JSON (with its resourceVersion); obj must not change afterwards. */
export const rememberJson = <T extends KubeObject>(obj: T, json: string): T => {
  writtenJson.set(obj, json);
  return obj;
};

/** The object as JSON: what the store wrote for it when known, else serialised now. */
export const objectJson = (obj: KubeObject): string => writtenJson.get(obj) ?? JSON.stringify(obj);

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
