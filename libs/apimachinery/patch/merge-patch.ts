// JSON merge patch (RFC 7386, application/merge-patch+json), as kubectl label/annotate/scale send it,
// applied as kube-apiserver's evanphx/json-patch MergePatch applies it.
import { StatusError } from '../status-error';
import { patchResultInvalid } from './patch-error';

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

// defineProperty, so that a key named "__proto__" stays a key; keys such as "constructor" are plain keys too.
const setMember = (object: JsonObject, key: string, value: unknown): void => {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
};

/** A value set where there was no object to merge into loses its null members, at every depth. */
const pruneNulls = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map((v) => (v === null ? v : pruneNulls(v)));
  if (!isObject(value)) return value;
  const pruned: JsonObject = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) setMember(pruned, k, pruneNulls(v));
  return pruned;
};

const mergeInto = (target: JsonObject, patch: JsonObject): JsonObject => {
  for (const [key, value] of Object.entries(patch)) {
    const current = Object.hasOwn(target, key) ? target[key] : undefined;
    if (value === null) delete target[key];
    else if (!isObject(current)) setMember(target, key, pruneNulls(value));
    else setMember(target, key, isObject(value) ? mergeInto(current, value) : value);
  }
  return target;
};

/**
 * Applies the patch to a copy of `original`, in time linear in both. Like kube-apiserver: a null or
 * scalar patch is 400 `Invalid JSON Patch`; an array replaces the document, which then fails to decode (422).
 */
export const applyMergePatch = (original: unknown, patch: unknown): unknown => {
  if (patch === null || typeof patch !== 'object') throw StatusError.badRequest('Invalid JSON Patch');
  if (Array.isArray(patch)) {
    throw patchResultInvalid(
      patch,
      "couldn't get version/kind; json parse error: json: cannot unmarshal array into Go value of type struct",
    );
  }
  const target = isObject(original) ? structuredClone(original) : {};
  return mergeInto(target, structuredClone(patch as JsonObject));
};
