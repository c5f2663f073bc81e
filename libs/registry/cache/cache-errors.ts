// The Status errors the watch cache answers, worded as kube-apiserver's cacher words them.
import { StatusError } from '@kubenest/apimachinery';

/** 410 for a watch or exact list from a revision the cache no longer holds; `oldest` is the oldest it can serve. */
export const tooOldResourceVersion = (revision: number, oldest: number): StatusError =>
  StatusError.expired(`too old resource version: ${revision} (${oldest})`);

/**
 * 504 with Retry-After 1 s for a revision the cache has not reached in time. The cause is what
 * client-go's reflector looks for to tell it from other timeouts.
 */
export const tooLargeResourceVersion = (revision: number, current: number): StatusError =>
  new StatusError(504, 'Timeout', `Too large resource version: ${revision}, current: ${current}`, {
    causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
    retryAfterSeconds: 1,
  });

/** 410 for a watch cut because the cache had to re-list (its store watch was compacted away). */
export const watchTooOld = (): StatusError =>
  StatusError.expired('The resourceVersion for the provided watch is too old.');

/** 503 while the cache is (re)loading from the store. */
export const reinitializing = (): StatusError => StatusError.unavailable('storage is (re)initializing');

/**
 * 410 for a continue token whose revision the cache no longer holds. Like kube-apiserver, it
 * offers a token that continues from the same key at the latest revision (an inconsistent list),
 * which the HTTP layer puts in the Status body's metadata.continue.
 */
export class ContinueExpiredError extends StatusError {
  constructor(readonly continueToken: string) {
    super(
      410,
      'Expired',
      'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
    );
  }

  override toStatus(): ReturnType<StatusError['toStatus']> {
    return { ...super.toStatus(), metadata: { continue: this.continueToken } };
  }
}
