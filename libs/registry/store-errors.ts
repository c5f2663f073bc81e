// Translates the store's errors into Status errors naming the resource, as kube-apiserver's
// storage.InterpretXError helpers do, so that no StoreError leaves the registry.
import { GroupResource, StatusError } from '@kubenest/apimachinery';
import { StoreError } from '@kubenest/storage';

export const interpretStoreError = (error: unknown, gr: GroupResource, name: string): unknown => {
  if (!StoreError.is(error)) return error;
  switch (error.code) {
    case 'exists':
      return StatusError.alreadyExists(gr, name);
    case 'not-found':
      return StatusError.notFound(gr, name);
    case 'conflict':
      return StatusError.conflict(
        gr,
        name,
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    case 'compacted':
      return StatusError.expired(`too old resource version: ${error.message}`);
    case 'future-revision':
      return StatusError.timeout(`Too large resource version: ${error.message}`);
    case 'timeout':
      return StatusError.timeout(
        `the write to ${gr.resource} did not finish in time; it may or may not have happened, retry`,
      );
    case 'unavailable':
      return StatusError.unavailable(`the storage is unavailable, retry: ${error.message}`);
  }
};

/**
 * A failed read that names no object (the store's current revision for a consistent LIST): 503 or
 * 504 with the store's own message when it is unreachable or slow, anything else as it is.
 */
export const interpretStoreReadError = (error: unknown): unknown => {
  if (StoreError.is(error, 'unavailable')) return StatusError.unavailable(error.message);
  if (StoreError.is(error, 'timeout')) return StatusError.timeout(error.message);
  return error;
};

/** AlreadyExists after every generated name was taken; the client may retry at once. */
export const generateNameConflict = (gr: GroupResource, name: string): StatusError => {
  const error = StatusError.alreadyExists(gr, name);
  return new StatusError(
    error.code,
    error.reason,
    `${error.message}, the server was not able to generate a unique name for the object`,
    { ...error.details, retryAfterSeconds: 1 },
  );
};

/** The same error, saying that the object in the way is being deleted. */
export const beingDeleted = (error: StatusError): StatusError =>
  new StatusError(error.code, error.reason, `object is being deleted: ${error.message}`, error.details);
