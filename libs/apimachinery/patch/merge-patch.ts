// JSON merge patch (RFC 7386, application/merge-patch+json), as kubectl label/annotate/scale send it.
import { apply } from 'json-merge-patch';
import { StatusError } from '../status-error';
import { patchResultInvalid } from './patch-error';

/**
 * Applies the patch to a copy of `original`. Like kube-apiserver: a null or scalar patch is
 * 400 `Invalid JSON Patch`; an array replaces the document, which then fails to decode (422).
 */
export const applyMergePatch = (original: unknown, patch: unknown): unknown => {
  if (patch === null || typeof patch !== 'object') throw StatusError.badRequest('Invalid JSON Patch');
  if (Array.isArray(patch)) {
    throw patchResultInvalid(
      patch,
      "couldn't get version/kind; json parse error: json: cannot unmarshal array into Go value of type struct",
    );
  }
  return apply(structuredClone(original ?? {}), structuredClone(patch));
};
