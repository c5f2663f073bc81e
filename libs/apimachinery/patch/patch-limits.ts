// How much work one PATCH may make the server do, so that a small patch cannot grow an object or
// the time spent on it without bound (a 1.3 KB JSON patch of 26 doubling copies once ran it out of memory).
import { StatusError } from '../status-error';

/** As kube-apiserver's maxJSONPatchOperations. */
export const maxJsonPatchOperations = 10000;

/**
 * As kube-apiserver's JSONPatchMaxCopyBytes (3 MiB by default), which it sets as evanphx/json-patch's
 * AccumulatedCopySizeLimit: the JSON size of everything a patch's `copy` operations copy, together.
 */
export const maxJsonPatchCopyBytes = 3 * 1024 * 1024;

/**
 * The JSON size a patched object may reach, at any step of a patch: twice the 3 MiB request body
 * limit. kube-apiserver has no such check, but etcd refuses objects over 1.5 MiB; without one, repeated
 * patches could grow an object without bound, each costing more than the last to read and write.
 */
export const maxPatchedObjectBytes = 6 * 1024 * 1024;

/**
 * Array elements a JSON patch's `add` and `remove` operations may shift, together: each insertion or
 * removal moves the elements after it (evanphx/json-patch copies the whole array), so 10,000 operations
 * at the head of a long array cost seconds. About 30 ms of shifting; no real patch comes near it.
 */
export const maxJsonPatchShiftedElements = 128 * 1024 * 1024;

/** 422, as kube-apiserver answers any error of a JSON patch, here with evanphx's reason kept. */
export const copyLimitExceeded = (copied: number): StatusError =>
  new StatusError(
    422,
    'Invalid',
    `the JSON patch copies ${copied} bytes, more than the limit of ${maxJsonPatchCopyBytes} bytes`,
  );

export const patchedObjectTooLarge = (): StatusError =>
  StatusError.tooLarge(`the patch would make the object larger than ${maxPatchedObjectBytes} bytes`);

export const tooManyShiftedElements = (): StatusError =>
  StatusError.tooLarge(
    `the JSON patch moves more than ${maxJsonPatchShiftedElements} array elements by its insertions and removals`,
  );

/** Refuses a patched object larger than maxPatchedObjectBytes; one serialization, for patches that grow linearly. */
export const checkPatchedObjectSize = (patched: unknown): void => {
  if ((JSON.stringify(patched)?.length ?? 0) > maxPatchedObjectBytes) throw patchedObjectTooLarge();
};
