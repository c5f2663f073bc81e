// How objects become store values and back: JSON without resourceVersion, which the store's
// modRevision supplies on the way out (as kube-apiserver's etcd3 store does).
import { isDeepStrictEqual } from 'node:util';
import { KubeObject } from '@kubenest/apimachinery';
import { KeyValue } from '@kubenest/storage';

/** The members of an object's JSON without its braces ('"a":1,"b":2'), '' for none. */
const members = (value: object): string => JSON.stringify(value).slice(1, -1);

const unversioned = (metadata: KubeObject['metadata'] = {}): KubeObject['metadata'] => {
  if (metadata.resourceVersion === undefined) return metadata;
  const { resourceVersion: _dropped, ...rest } = metadata;
  return rest;
};

export const encodeObject = (obj: KubeObject): string => {
  const { apiVersion, kind, metadata, ...rest } = obj;
  // apiVersion, kind, metadata, then the rest, as kube writes objects. Written out by hand, since
  // JavaScript puts integer-like keys first whatever order an object is built in: the top-level
  // metadata must be the text's first "metadata":{ for jsonWithResourceVersion.
  const head = members({ apiVersion, kind });
  const tail = members(rest);
  return `{${head}${head ? ',' : ''}"metadata":${JSON.stringify(unversioned(metadata))}${tail ? ',' : ''}${tail}}`;
};

const METADATA = '"metadata":{';

/**
 * An object's JSON with its resourceVersion, from the text encodeObject wrote, without parsing
 * it again: the revision goes first into the top-level metadata, the text's first "metadata":{
 * (apiVersion and kind before it are strings, whose quotes JSON escapes).
 */
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

const copyJson = (value: unknown): unknown => {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyJson);
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    const field = (value as Record<string, unknown>)[key];
    if (field === undefined) continue;
    // Assigned, a "__proto__" key (a ConfigMap's, say) would replace the copy's prototype.
    if (key === '__proto__') {
      Object.defineProperty(copy, key, {
        value: copyJson(field),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      copy[key] = copyJson(field);
    }
  }
  return copy;
};

/**
 * copyObject for a value that is plain JSON already (objects, arrays, strings, finite numbers,
 * booleans, null, and undefined fields), such as the watch cache's objects: the same copy, field
 * by field, without writing the value out as text and parsing it back, for about a sixth of the
 * CPU. Anything else (a Date, a class instance, NaN) must go through copyObject.
 */
export const copyJsonObject = <T>(value: T): T => copyJson(value) as T;

/** Whether two objects store as the same value, whatever the order of their keys. */
export const sameStoredValue = (a: KubeObject, b: KubeObject): boolean =>
  isDeepStrictEqual(JSON.parse(encodeObject(a)), JSON.parse(encodeObject(b)));

/** Store key of an object: /registry/<group or core>/<plural>/[<namespace>/]<name>. */
export const objectKey = (resourcePrefix: string, namespace: string | undefined, name: string): string =>
  namespace ? `${resourcePrefix}${namespace}/${name}` : `${resourcePrefix}${name}`;

export const resourcePrefixOf = (group: string, plural: string): string => `/registry/${group || 'core'}/${plural}/`;
