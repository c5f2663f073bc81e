// PATCH dispatch on the request's Content-Type, with kube-apiserver's 400 and 415 answers.
import { GroupVersionKind } from '../object';
import { StatusError } from '../status-error';
import { applyJsonPatch } from './json-patch';
import { applyMergePatch } from './merge-patch';
import { checkPatchedObjectSize } from './patch-limits';
import { applyStrategicMergePatch } from './strategic-merge-patch';

export const jsonPatchType = 'application/json-patch+json';
export const mergePatchType = 'application/merge-patch+json';
export const strategicMergePatchType = 'application/strategic-merge-patch+json';
export const applyPatchType = 'application/apply-patch+yaml';

export type PatchType =
  typeof jsonPatchType | typeof mergePatchType | typeof strategicMergePatchType | typeof applyPatchType;

/** The patch types the built-in resources take (server-side apply is not served yet). */
export const builtInPatchTypes: readonly PatchType[] = [jsonPatchType, mergePatchType, strategicMergePatchType];
/** Custom resources take no strategic merge patch, as kube-apiserver's CRD handler. */
export const customResourcePatchTypes: readonly PatchType[] = [jsonPatchType, mergePatchType];

export interface ApplyPatchOptions {
  /** The patch types this resource accepts; defaults to builtInPatchTypes. */
  accepted?: readonly PatchType[];
}

/** The media type without parameters (`; charset=utf-8`), as the patch handler compares it. */
export const patchMediaType = (contentType: string | undefined): string =>
  (contentType ?? '').split(';')[0].trim().toLowerCase();

/** 415 naming the accepted patch types, as negotiation.NewUnsupportedMediaTypeError words it. */
export const unsupportedPatchType = (accepted: readonly string[]): StatusError =>
  new StatusError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
  );

/** Refuses a PATCH of a type the resource does not take (415), before its body is decoded. */
export const checkPatchType = (
  contentType: string | undefined,
  accepted: readonly PatchType[] = builtInPatchTypes,
): void => {
  if (!(accepted as readonly string[]).includes(patchMediaType(contentType))) throw unsupportedPatchType(accepted);
};

/** Parses a raw PATCH body; anything but JSON is 400 `invalid JSON patch`, as kube-apiserver. */
export const parsePatchBody = (raw: string | Buffer): unknown => {
  try {
    return JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch {
    throw StatusError.badRequest('invalid JSON patch');
  }
};

// A JSON patch keeps its own count as it goes; the other types grow an object by at most their own size.
const checkedSize = (patched: unknown): unknown => {
  checkPatchedObjectSize(patched);
  return patched;
};

/** Applies a parsed PATCH body of the given Content-Type to a copy of `original`. */
export const applyPatch = (
  contentType: string | undefined,
  original: unknown,
  patchBody: unknown,
  gvk: GroupVersionKind,
  options: ApplyPatchOptions = {},
): unknown => {
  const accepted = options.accepted ?? builtInPatchTypes;
  checkPatchType(contentType, accepted);
  switch (patchMediaType(contentType)) {
    case jsonPatchType:
      return applyJsonPatch(original, patchBody);
    case mergePatchType:
      return checkedSize(applyMergePatch(original, patchBody));
    case strategicMergePatchType:
      return checkedSize(applyStrategicMergePatch(original, patchBody, gvk));
    default:
      throw unsupportedPatchType(accepted);
  }
};
