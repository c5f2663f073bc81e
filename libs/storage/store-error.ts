// Errors the store raises; the registry maps them onto Kubernetes Status errors.

export type StoreErrorCode =
  | 'exists' // create of a key that is there
  | 'not-found' // get/update/delete of a key that is not there
  | 'conflict' // a precondition did not hold
  | 'compacted' // a revision older than the compaction point
  | 'future-revision' // a revision newer than the store has
  | 'unavailable' // the database could not be reached or the write's outcome is unknown: retry
  | 'timeout'; // the write did not finish in time: retry

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly key?: string,
    /** For 'conflict' and 'exists': the key's current state. */
    readonly current?: { modRevision: number },
  ) {
    super(message);
    this.name = 'StoreError';
  }

  static is(error: unknown, code?: StoreErrorCode): error is StoreError {
    return error instanceof StoreError && (code === undefined || error.code === code);
  }
}
