// JSON patch (RFC 6902, application/json-patch+json) with kube-apiserver's answers to bad patches.
import { JsonPatchError, Operation, applyPatch } from 'fast-json-patch';
import { StatusError } from '../status-error';
import { patchUnprocessable } from './patch-error';

/** As kube-apiserver's maxJSONPatchOperations. */
export const maxJsonPatchOperations = 10000;

const goJsonKind = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v;

/**
 * Applies the operations to a copy of `original`. A body that is not a list of operations is a 400;
 * an operation that fails (a `test` that does not hold, a missing path) is the 422 kube-apiserver sends.
 */
export const applyJsonPatch = (original: unknown, patch: unknown): unknown => {
  if (!Array.isArray(patch))
    throw StatusError.badRequest(`json: cannot unmarshal ${goJsonKind(patch)} into Go value of type jsonpatch.Patch`);
  const bad = patch.find((op) => op === null || typeof op !== 'object' || Array.isArray(op));
  if (bad !== undefined)
    throw StatusError.badRequest(`json: cannot unmarshal ${goJsonKind(bad)} into Go value of type jsonpatch.Operation`);
  if (patch.length > maxJsonPatchOperations) {
    throw StatusError.tooLarge(
      `The allowed maximum operations in a JSON patch is ${maxJsonPatchOperations}, got ${patch.length}`,
    );
  }
  try {
    return applyPatch(structuredClone(original), patch as Operation[], true, true).newDocument;
  } catch (e) {
    if (e instanceof JsonPatchError) throw patchUnprocessable();
    throw e;
  }
};
