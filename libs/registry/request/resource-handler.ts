// Serves a resource request once its input is decoded, below any wire: the one code path of the
// HTTP handlers and the in-process client, as kube-apiserver's handlers run a RequestScope over the
// resource's REST storage. It checks bodies, applies patches, runs field validation (returning its
// warnings), passes dryRun on, and routes subresources through the kind's table.
import {
  GroupVersionKind,
  KubeObject,
  StatusError,
  apiVersionOf,
  SuccessStatus,
  successStatus,
} from '@kubenest/apimachinery';
import { applyPatch } from '@kubenest/apimachinery/patch';
import { FieldValidation, ListOptions } from '@kubenest/apimachinery/query';
import { CacheListOptions, CacheWatch, WatchSink } from '../cache';
import { checkDeleteOptions } from '../deletion-propagation';
import { DeleteOptions, RequestUser, UpdateFunction } from '../generic-store';
import { ResourceEntry } from '../resource-stores';
import { selectionOf } from '../selection';
import { Subresource, SubresourceTarget } from '../subresources';
import { checkedObject } from './checked-object';
import { parseResourceVersion } from './resource-version';

/** Who asks what of which object: the decoded URL and the user. */
export interface RequestScope {
  entry: ResourceEntry;
  namespace: string | undefined;
  name?: string;
  subresource?: string;
  user?: RequestUser;
}

/** Checks an object against its kind's schema (fieldValidation), returning the warnings to send. */
export type FieldValidator = (mode: FieldValidation, kind: GroupVersionKind, obj: unknown) => { warnings: string[] };

export interface RequestWriteOptions {
  dryRun?: boolean;
  /** Accepted and validated; managed fields are not kept yet. */
  fieldManager?: string;
  /** Absent: Warn, as in kube-apiserver. */
  fieldValidation?: FieldValidation;
}

export interface Written {
  object: KubeObject;
  warnings: string[];
  /** A PUT that created the object (allowCreateOnUpdate) answers 201. */
  created: boolean;
}

export interface ObjectListBody {
  kind: string;
  apiVersion: string;
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  /** Shared with the watch cache: never mutate. */
  items: KubeObject[];
}

export type DeleteAnswer =
  { deleted: false; object: KubeObject } | { deleted: true; object: KubeObject; status: SuccessStatus };

export interface WatchRequest extends Pick<ListOptions, 'labelSelector' | 'fieldSelector' | 'resourceVersion'> {
  allowWatchBookmarks?: boolean;
  sendInitialEvents?: boolean;
  /** Unset: the watch lasts until stopped. */
  timeoutMs?: number;
}

/** A watch whose request was checked (a bad resourceVersion is a 400 before anything is sent). */
export interface PreparedWatch {
  start(sink: WatchSink): CacheWatch;
}

/**
 * resourceVersion unset: a consistent read (the store's current revision); "0": whatever the
 * cache has; N: not older than N, or exactly N with resourceVersionMatch=Exact.
 */
const revisionOptions = (
  options: ListOptions,
): Pick<CacheListOptions, 'consistent' | 'minRevision' | 'exactRevision'> => {
  const { resourceVersion, resourceVersionMatch, continue: continuing } = options;
  if (continuing || resourceVersion === '0') return {};
  if (resourceVersion === undefined || resourceVersion === '') return { consistent: true };
  const revision = parseResourceVersion(resourceVersion);
  return resourceVersionMatch === 'Exact' ? { exactRevision: revision } : { minRevision: revision };
};

const methodNotAllowed = () =>
  StatusError.methodNotAllowed('the server does not allow this method on the requested resource');

const ownKind = (scope: RequestScope): GroupVersionKind => scope.entry.strategy.kind;

export class ResourceHandler {
  constructor(private readonly validateFields: FieldValidator) {}

  /**
   * Refuses a write the target cannot take, before its body is read: a POST to a named object
   * (405), a PUT or PATCH of a collection (405), a subresource without the verb (404, or 405 for POST).
   */
  checkWrite(scope: RequestScope, verb: 'create' | 'update' | 'patch'): void {
    if (verb === 'create') {
      if (scope.subresource === undefined ? !!scope.name : !this.subresource(scope).create) throw methodNotAllowed();
      return;
    }
    this.nameOf(scope);
    if (scope.subresource !== undefined) this.updatable(scope);
  }

  /** GET of an object or of one of its subresources. */
  async get(scope: RequestScope): Promise<KubeObject> {
    const name = this.nameOf(scope);
    if (scope.subresource === undefined) return scope.entry.store.get(scope.namespace, name);
    const sub = this.subresource(scope);
    if (!sub.get) throw this.noSubresource(scope);
    return sub.get(this.target(scope));
  }

  async list(scope: RequestScope, options: ListOptions): Promise<ObjectListBody> {
    const { entry } = scope;
    const selection = selectionOf(entry.strategy, scope.namespace, options.labelSelector, options.fieldSelector);
    const result = await entry.cache.list({
      ...selection,
      ...revisionOptions(options),
      limit: options.limit,
      continue: options.continue,
    });
    const kind = entry.strategy.kind;
    return {
      kind: `${kind.kind}List`,
      apiVersion: apiVersionOf(kind),
      metadata: {
        resourceVersion: String(result.revision),
        ...(result.continue ? { continue: result.continue } : {}),
        ...(result.remainingItemCount !== undefined ? { remainingItemCount: result.remainingItemCount } : {}),
      },
      items: result.items,
    };
  }

  /** Checks a watch request; its events come from the watch cache once started. */
  watch(scope: RequestScope, request: WatchRequest): PreparedWatch {
    const { entry } = scope;
    const selection = selectionOf(entry.strategy, scope.namespace, request.labelSelector, request.fieldSelector);
    const fromRevision = request.resourceVersion ? parseResourceVersion(request.resourceVersion) : 0;
    return {
      start: (sink) =>
        entry.cache.watch(
          {
            ...selection,
            fromRevision,
            allowBookmarks: !!request.allowWatchBookmarks,
            sendInitialEvents: request.sendInitialEvents,
            timeoutMs: request.timeoutMs,
          },
          sink,
        ),
    };
  }

  /**
   * POST: creates `body` in the scope's namespace, or (with a subresource) posts it to the named
   * object's subresource (a Binding, an Eviction). `handsOver`: the caller never reads body again,
   * so it is checked and stored in place, without a copy (a decoded request body).
   */
  async create(
    scope: RequestScope,
    body: unknown,
    options: RequestWriteOptions = {},
    handsOver = false,
  ): Promise<Written> {
    this.checkWrite(scope, 'create');
    if (scope.subresource !== undefined) return this.createSubresource(scope, body, options);
    const obj = checkedObject(body, ownKind(scope));
    const { warnings } = this.validateFields(options.fieldValidation ?? 'Warn', ownKind(scope), obj);
    const object = await scope.entry.store.create(scope.namespace, obj, {
      user: scope.user,
      dryRun: options.dryRun,
      handsOver,
    });
    return { object, warnings, created: true };
  }

  /** PUT of an object or of a subresource's view of it. */
  async update(scope: RequestScope, body: unknown, options: RequestWriteOptions = {}): Promise<Written> {
    const name = this.nameOf(scope);
    const ctx = { user: scope.user, dryRun: options.dryRun };
    if (scope.subresource !== undefined) {
      const sub = this.updatable(scope);
      let warnings: string[] = [];
      const desired = checkedObject(body, sub.kind ?? ownKind(scope));
      if (!sub.kind)
        warnings = this.validateFields(options.fieldValidation ?? 'Warn', ownKind(scope), desired).warnings;
      const object = await sub.update!(this.target(scope), () => desired, ctx);
      return { object, warnings, created: false };
    }
    const obj = checkedObject(body, ownKind(scope));
    const { warnings } = this.validateFields(options.fieldValidation ?? 'Warn', ownKind(scope), obj);
    const { object, created } = await scope.entry.store.update(scope.namespace, name, () => obj, {
      ...ctx,
      allowCreate: !!scope.entry.strategy.allowCreateOnUpdate,
    });
    return { object, warnings, created };
  }

  /** PATCH of every built-in type, applied to the current object (or subresource view) inside the guaranteed update. */
  async patch(
    scope: RequestScope,
    patchType: string,
    patch: unknown,
    options: RequestWriteOptions = {},
  ): Promise<Written> {
    const name = this.nameOf(scope);
    if (patch === undefined) throw StatusError.badRequest('the body of the request was empty');
    const ctx = { user: scope.user, dryRun: options.dryRun };
    const mode = options.fieldValidation ?? 'Warn';
    let warnings: string[] = [];
    // A patch can remove or retype what a body must hold (metadata: null); it is checked as a body is.
    const patchedObject = (current: KubeObject): KubeObject => {
      const patched = checkedObject(applyPatch(patchType, current, patch, ownKind(scope)), ownKind(scope));
      warnings = this.validateFields(mode, ownKind(scope), patched).warnings;
      return patched;
    };
    if (scope.subresource === undefined) {
      const updateFn: UpdateFunction<KubeObject> = (current) => patchedObject(current!);
      const { object } = await scope.entry.store.update(scope.namespace, name, updateFn, ctx);
      return { object, warnings, created: false };
    }
    const sub = this.updatable(scope);
    const updateFn = sub.kind
      ? (current: KubeObject) => checkedObject(applyPatch(patchType, current, patch, sub.kind!), sub.kind!)
      : patchedObject;
    const object = await sub.update!(this.target(scope), updateFn, ctx);
    return { object, warnings, created: false };
  }

  /** DELETE of one object: the object while something still holds it, else kube's Success Status. */
  async delete(scope: RequestScope, options: DeleteOptions): Promise<DeleteAnswer> {
    const name = this.nameOf(scope);
    this.refuseSubresourceDelete(scope);
    checkDeleteOptions(options);
    const { object, deleted } = await scope.entry.store.delete(scope.namespace, name, { ...options, user: scope.user });
    if (!deleted) return { deleted, object };
    const { group, plural } = scope.entry.strategy.kind;
    // As kube-apiserver writes it: no code, and the resource (not the kind) in details.kind.
    const status = successStatus({ name, group, kind: plural, uid: object.metadata.uid });
    return { deleted, object, status };
  }

  /** DELETE of a collection: each selected object as a delete of its own; ones gone meanwhile are skipped. */
  async deleteCollection(scope: RequestScope, list: ListOptions, options: DeleteOptions): Promise<ObjectListBody> {
    this.refuseSubresourceDelete(scope);
    checkDeleteOptions(options);
    const { entry } = scope;
    const selection = selectionOf(entry.strategy, scope.namespace, list.labelSelector, list.fieldSelector);
    const { items, revision } = await entry.cache.list({ ...selection, consistent: true });
    const deleted: KubeObject[] = [];
    for (const item of items) {
      try {
        const ctx = { ...options, user: scope.user };
        deleted.push((await entry.store.delete(item.metadata.namespace, item.metadata.name!, ctx)).object);
      } catch (e) {
        if (!(StatusError.is(e) && e.code === 404)) throw e;
      }
    }
    const kind = entry.strategy.kind;
    return {
      kind: `${kind.kind}List`,
      apiVersion: apiVersionOf(kind),
      metadata: { resourceVersion: String(revision) },
      items: deleted,
    };
  }

  private async createSubresource(scope: RequestScope, body: unknown, options: RequestWriteOptions): Promise<Written> {
    const sub = this.subresource(scope);
    const obj = checkedObject(body, sub.kind ?? ownKind(scope));
    if (obj.metadata.namespace && obj.metadata.namespace !== scope.namespace) {
      throw StatusError.badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    const status = await sub.create!(this.target(scope), obj, { user: scope.user, dryRun: options.dryRun });
    return { object: status as unknown as KubeObject, warnings: [], created: true };
  }

  /**
   * No subresource here has a deleter: kube-apiserver registers no DELETE route for one without
   * rest.GracefulDeleter, so a DELETE of pods/x/status is a 405, never a delete of the pod.
   */
  private refuseSubresourceDelete(scope: RequestScope): void {
    if (scope.subresource === undefined) return;
    this.subresource(scope);
    throw methodNotAllowed();
  }

  private subresource(scope: RequestScope): Subresource {
    const sub = scope.entry.subresources.get(scope.subresource!);
    if (!sub || sub.connect) throw this.noSubresource(scope);
    return sub;
  }

  private updatable(scope: RequestScope): Subresource {
    const sub = this.subresource(scope);
    if (!sub.update) throw this.noSubresource(scope);
    return sub;
  }

  private target(scope: RequestScope): SubresourceTarget {
    return { store: scope.entry.store, namespace: scope.namespace, name: scope.name! };
  }

  private nameOf(scope: RequestScope): string {
    if (!scope.name) throw methodNotAllowed();
    return scope.name;
  }

  private noSubresource(scope: RequestScope): StatusError {
    const { group, plural } = scope.entry.strategy.kind;
    return StatusError.notFound({ group, resource: `${plural}/${scope.subresource}` }, scope.name ?? '');
  }
}
