// The one way loops, the scheduler and the agent talk to the API, as client-go's dynamic client:
// in-process over the registry (as an identity, through authorization and admission) or over
// HTTPS. Failures are StatusErrors whichever side answered, so callers test `code` or `reason`.
import { KubeObject, Status, SuccessStatus } from '@kubenest/apimachinery';
import { PatchType } from '@kubenest/apimachinery/patch';

/** A resource as a URL names it: group ('' for core), version and lower-case plural. */
export interface ResourceRef {
  group: string;
  version: string;
  resource: string;
}

export interface ObjectList<T extends KubeObject = KubeObject> {
  apiVersion?: string;
  kind?: string;
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items: T[];
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /** Unset: a consistent read; "0": whatever the server's cache holds. */
  resourceVersion?: string;
  resourceVersionMatch?: 'NotOlderThan' | 'Exact';
  limit?: number;
  continue?: string;
}

export interface WatchOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /** Changes after this revision; unset or "0" starts with the current objects as ADDED. */
  resourceVersion?: string;
  allowWatchBookmarks?: boolean;
  sendInitialEvents?: boolean;
  timeoutSeconds?: number;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent<T extends KubeObject = KubeObject> {
  type: WatchEventType;
  /** A Status for ERROR, the object otherwise. */
  object: T | Status;
}

/**
 * Why a watch ended. 'expired' (410: the revision is gone from history) means list again; the
 * other reasons may resume from the last resourceVersion seen.
 */
export type WatchEnd = 'stopped' | 'expired' | 'closed' | 'failed';

export interface Watch {
  stop(): void;
  /** Settles once no more events follow; never rejects. */
  readonly done: Promise<WatchEnd>;
}

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
}

export interface DeleteOptions extends WriteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  preconditions?: { uid?: string; resourceVersion?: string };
}

/** What a delete returns: the object still there (finalizers, grace) or the Success Status. */
export type DeleteResult<T extends KubeObject = KubeObject> = T | SuccessStatus;

/** One resource's verbs; `namespace` is undefined for cluster-scoped resources and all-namespace lists. */
export interface ResourceInterface<T extends KubeObject = KubeObject> {
  get(namespace: string | undefined, name: string): Promise<T>;
  list(namespace: string | undefined, options?: ListOptions): Promise<ObjectList<T>>;
  /** Delivers events in order to onEvent until stopped, the server ends it, or it fails. */
  watch(namespace: string | undefined, options: WatchOptions, onEvent: (event: WatchEvent<T>) => void): Watch;
  /** Creates obj in obj.metadata.namespace. */
  create(obj: T, options?: WriteOptions): Promise<T>;
  /** Replaces the object named by obj.metadata (resourceVersion, when set, is a precondition). */
  update(obj: T, options?: WriteOptions): Promise<T>;
  updateStatus(obj: T, options?: WriteOptions): Promise<T>;
  patch(
    namespace: string | undefined,
    name: string,
    patchType: PatchType,
    patch: unknown,
    options?: WriteOptions & { subresource?: string },
  ): Promise<T>;
  delete(namespace: string | undefined, name: string, options?: DeleteOptions): Promise<DeleteResult<T>>;
  /** GET of a subresource that is an object of its own (scale). */
  getSubresource<S extends KubeObject = KubeObject>(
    namespace: string | undefined,
    name: string,
    subresource: string,
  ): Promise<S>;
  /** POST to a subresource (binding, eviction); answers what the server answered. */
  createSubresource<S extends KubeObject = KubeObject, R = unknown>(
    namespace: string | undefined,
    name: string,
    subresource: string,
    body: S,
    options?: WriteOptions,
  ): Promise<R>;
  /** PUT of a subresource (status, scale, finalize, approval). */
  updateSubresource<S extends KubeObject = KubeObject>(subresource: string, obj: S, options?: WriteOptions): Promise<S>;
}

export interface ResourceClient {
  resource<T extends KubeObject = KubeObject>(ref: ResourceRef): ResourceInterface<T>;
}
