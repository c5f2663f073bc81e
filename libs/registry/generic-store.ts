// The generic store: one per resource, parameterised by its strategy, as kube-apiserver's
// genericregistry.Store. It owns the order of hooks around every write:
// system metadata → prepare → mutating admission → validate → validating admission → storage.
import { isDeepStrictEqual } from 'node:util';
import { FieldError, GroupResource, KubeObject, metaTime, StatusError } from '@kubenest/apimachinery';
import { validateImmutableField } from '@kubenest/apimachinery/validation';
import { KeyValue, Store, StoreError } from '@kubenest/storage';
import { AdmissionAttributes, AdmissionChain, Operation } from './admission';
import { checkDeleteOptions, garbageCollectionFinalizers, PropagationOptions } from './deletion-propagation';
import { desiredStateChanged } from './generation';
import {
  copyObject,
  decodeObject,
  encodeObject,
  jsonWithResourceVersion,
  objectKey,
  rememberJson,
  resourcePrefixOf,
  sameStoredValue,
} from './object-codec';
import { validateObject, validateObjectUpdate, validateSubresourceUpdate } from './object-validation';
import { prepareWrite, UpdateEndpoint, updateEndpoints } from './reset-fields';
import { beingDeleted, generateNameConflict, interpretStoreError } from './store-errors';
import { Strategy, UpdateSubresourceStrategy } from './strategy';
import { fillCreateMetadata, keepSystemMetadata } from './system-metadata';

export interface RequestUser {
  name: string;
  groups: string[];
}

export interface WriteContext {
  user?: RequestUser;
  dryRun?: boolean;
  /**
   * The caller hands its object over and never reads it again (a decoded request body), so a
   * create may fill it in place instead of copying it first.
   */
  handsOver?: boolean;
}

/** 'status', 'finalize', or the name of one of the strategy's updateSubresources ('approval'). */
export type WriteSubresource = string;

export interface UpdateOptions<T extends KubeObject = KubeObject> extends WriteContext {
  /**
   * 'status' writes status only, 'finalize' spec.finalizers only, an update subresource what its
   * strategy lets through; undefined writes the main resource.
   */
  subresource?: WriteSubresource;
  /** Create the object when it does not exist (PUT and server-side apply may). */
  allowCreate?: boolean;
  /**
   * How a subresource the strategy does not declare keeps and checks what it writes (a pod's
   * binding); undefined: the strategy's own for `subresource`.
   */
  writes?: UpdateSubresourceStrategy<T>;
}

export interface DeleteOptions extends WriteContext, PropagationOptions {
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface DeleteResult<T> {
  object: T;
  /** false when the object was only marked (finalizers or a grace period remain). */
  deleted: boolean;
}

/** Receives the current object (a private copy, undefined when absent) and returns the new one. */
export type UpdateFunction<T> = (current: T | undefined) => T | Promise<T>;

const generateNameAttempts = 8;
const conflictRetries = 16;

export class GenericStore<T extends KubeObject = KubeObject> {
  readonly prefix: string;
  readonly groupResource: GroupResource;
  private readonly endpoints: ReadonlyMap<UpdateEndpoint, UpdateSubresourceStrategy<T>>;

  constructor(
    readonly strategy: Strategy<T>,
    private readonly store: Store,
    private readonly admission: AdmissionChain,
  ) {
    this.prefix = resourcePrefixOf(strategy.kind.group, strategy.kind.plural);
    this.groupResource = { group: strategy.kind.group, resource: strategy.kind.plural };
    this.endpoints = updateEndpoints(strategy);
  }

  key(namespace: string | undefined, name: string): string {
    return objectKey(this.prefix, this.strategy.namespaced ? namespace : undefined, name);
  }

  /** Prefix of one namespace's objects, or of all objects. */
  keyPrefix(namespace?: string): string {
    return this.strategy.namespaced && namespace ? `${this.prefix}${namespace}/` : this.prefix;
  }

  async get(namespace: string | undefined, name: string): Promise<T> {
    const kv = await this.read(this.key(namespace, name), name);
    if (!kv) throw StatusError.notFound(this.groupResource, name);
    return decodeObject(kv) as T;
  }

  async create(namespace: string | undefined, input: T, ctx: WriteContext = {}): Promise<T> {
    const generatesName = !input.metadata.name && !!input.metadata.generateName;
    for (let attempt = 1; ; attempt++) {
      // A retry with another generated name starts again from the input, so that one copies too.
      const obj = ctx.handsOver && !generatesName ? input : copyObject(input);
      this.placeInNamespace(obj, namespace);
      fillCreateMetadata(obj, !!this.strategy.generationTracked);
      this.strategy.prepareForCreate?.(obj);
      const attributes = this.attributes('CREATE', obj, undefined, ctx);
      await this.admission.admit(attributes);
      const admitted = attributes.object as T;
      this.throwIfInvalid(admitted, validateObject(this.strategy, admitted));
      await this.admission.validate(attributes);
      const name = admitted.metadata.name!;
      const key = this.key(namespace, name);
      try {
        return await this.insert(key, admitted, ctx.dryRun);
      } catch (e) {
        if (!StoreError.is(e, 'exists')) throw interpretStoreError(e, this.groupResource, name);
        // As kube-apiserver does with generateName: up to eight names before giving up.
        if (generatesName && attempt < generateNameAttempts) continue;
        throw await this.alreadyExists(key, name, generatesName);
      }
    }
  }

  /**
   * Guaranteed update: read, apply the update function, validate, compare-and-swap on the
   * modification revision. A lost race is retried from a fresh read, where a resourceVersion
   * the client pinned then fails as a Conflict.
   */
  async update(
    namespace: string | undefined,
    name: string,
    updateFn: UpdateFunction<T>,
    options: UpdateOptions<T> = {},
  ): Promise<{ object: T; created: boolean }> {
    const key = this.key(namespace, name);
    for (let attempt = 1; ; attempt++) {
      const kv = await this.read(key, name);
      if (!kv) {
        if (!options.allowCreate || options.subresource) throw StatusError.notFound(this.groupResource, name);
        const fresh = await updateFn(undefined);
        this.checkName(fresh, name);
        try {
          return { object: await this.create(namespace, fresh, options), created: true };
        } catch (e) {
          if (StatusError.is(e) && e.reason === 'AlreadyExists' && attempt < conflictRetries) continue;
          throw e;
        }
      }
      const current = decodeObject(kv) as T;
      // A private copy: an update function may hand back the same object on every attempt.
      const obj = copyObject(await updateFn(copyObject(current)));
      this.checkName(obj, name);
      this.checkResourceVersion(obj, current, name);
      this.prepareUpdate(obj, current, namespace, options);
      const attributes = this.attributes('UPDATE', obj, current, options, options.subresource);
      await this.admission.admit(attributes);
      const admitted = attributes.object as T;
      this.throwIfInvalid(admitted, this.validateUpdate(admitted, current, options));
      await this.admission.validate(attributes);
      const finished = this.deletionFinished(admitted);
      if (!finished && sameStoredValue(admitted, current)) return { object: current, created: false };
      if (options.dryRun) return { object: admitted, created: false };
      try {
        const written = finished
          ? await this.store.delete(key, { modRevision: kv.modRevision })
          : await this.store.update(key, encodeObject(admitted), { modRevision: kv.modRevision });
        return {
          object: decodeObject(finished ? { ...written, value: encodeObject(admitted) } : written) as T,
          created: false,
        };
      } catch (e) {
        if ((StoreError.is(e, 'conflict') || StoreError.is(e, 'not-found')) && attempt < conflictRetries) continue;
        throw interpretStoreError(e, this.groupResource, name);
      }
    }
  }

  /**
   * Deletes now, or only marks the object (deletionTimestamp) while finalizers or a grace
   * period remain, as kube-apiserver's graceful deletion does.
   */
  async delete(namespace: string | undefined, name: string, options: DeleteOptions = {}): Promise<DeleteResult<T>> {
    const key = this.key(namespace, name);
    for (let attempt = 1; ; attempt++) {
      const kv = await this.read(key, name);
      if (!kv) throw StatusError.notFound(this.groupResource, name);
      const current = decodeObject(kv) as T;
      checkDeleteOptions(options);
      this.checkPreconditions(current, options.preconditions);
      const attributes = this.attributes('DELETE', undefined, current, options);
      await this.admission.admit(attributes);
      await this.admission.validate(attributes);
      const marked = this.markForDeletion(current, options);
      try {
        if (marked) {
          if (options.dryRun || isDeepStrictEqual(marked, current)) return { object: marked, deleted: false };
          const written = await this.store.update(key, encodeObject(marked), { modRevision: kv.modRevision });
          return { object: decodeObject(written) as T, deleted: false };
        }
        if (options.dryRun) return { object: current, deleted: true };
        const removed = await this.store.delete(key, { modRevision: kv.modRevision });
        return { object: decodeObject(removed) as T, deleted: true };
      } catch (e) {
        if (StoreError.is(e, 'conflict') && attempt < conflictRetries) continue;
        throw interpretStoreError(e, this.groupResource, name);
      }
    }
  }

  private async read(key: string, name: string): Promise<KeyValue | undefined> {
    return this.store.get(key).catch((e) => {
      throw interpretStoreError(e, this.groupResource, name);
    });
  }

  /** Stores a new object; a dry run only checks that the name is free, as kube's dry-run storage does. */
  private async insert(key: string, obj: T, dryRun: boolean | undefined): Promise<T> {
    if (!dryRun) {
      // obj is this request's own copy, so it can take the revision instead of being decoded again.
      const value = encodeObject(obj);
      const { modRevision } = await this.store.create(key, value);
      obj.metadata.resourceVersion = String(modRevision);
      return rememberJson(obj, jsonWithResourceVersion(value, modRevision));
    }
    if (await this.store.get(key)) throw new StoreError('exists', `key exists: ${key}`, key);
    return obj;
  }

  /** kube-apiserver's AlreadyExists, saying so when the name was generated or the object is being deleted. */
  private async alreadyExists(key: string, name: string, generatedName: boolean): Promise<StatusError> {
    const error = generatedName
      ? generateNameConflict(this.groupResource, name)
      : StatusError.alreadyExists(this.groupResource, name);
    const existing = await this.store.get(key).catch(() => undefined);
    return existing && decodeObject(existing).metadata.deletionTimestamp ? beingDeleted(error) : error;
  }

  /** The object as marked for deletion, or undefined when it can go now. */
  private markForDeletion(current: T, options: DeleteOptions): T | undefined {
    const marked = copyObject(current);
    this.strategy.prepareForDelete?.(marked);
    // As kube-apiserver: only kinds with graceful deletion (pods) wait out a grace period, and a
    // negative one counts as one second.
    const requestedGrace = options.gracePeriodSeconds;
    const requested = requestedGrace !== undefined && requestedGrace < 0 ? 1 : requestedGrace;
    const grace = Math.max(0, this.strategy.gracePeriodSeconds?.(current, requested) ?? 0);
    if (!this.gracefulDeletionPending(current, requested)) this.setGarbageCollectionFinalizers(marked, options);
    if (grace === 0 && !this.isHeld(marked)) return undefined;
    const meta = marked.metadata;
    const now = Date.now();
    if (!meta.deletionTimestamp) {
      // Controllers see a new generation once deletion starts, as kube-apiserver bumps it.
      if ((meta.generation ?? 0) > 0) meta.generation! += 1;
      meta.deletionTimestamp = metaTime(now + grace * 1000) as never;
      meta.deletionGracePeriodSeconds = grace;
    } else if (grace < (meta.deletionGracePeriodSeconds ?? 0)) {
      // A grace period may only be shortened, counted from the first request, never into the past.
      const requestedAt = Date.parse(String(meta.deletionTimestamp)) - meta.deletionGracePeriodSeconds! * 1000;
      meta.deletionTimestamp = metaTime(Math.max(now, requestedAt + grace * 1000)) as never;
      meta.deletionGracePeriodSeconds = grace;
    }
    return marked;
  }

  /**
   * A graceful deletion under way that this request does not shorten: as kube-apiserver, its
   * propagation policy is then left as the first request set it.
   */
  private gracefulDeletionPending(current: T, requestedGrace: number | undefined): boolean {
    const pending = current.metadata.deletionGracePeriodSeconds ?? 0;
    if (!current.metadata.deletionTimestamp || pending === 0) return false;
    return requestedGrace === undefined || requestedGrace >= pending;
  }

  /** The `orphan` or `foregroundDeletion` finalizer the delete's propagation policy calls for. */
  private setGarbageCollectionFinalizers(obj: T, options: PropagationOptions): void {
    const policy = this.strategy.garbageCollectionPolicy ?? 'DeleteDependents';
    const finalizers = garbageCollectionFinalizers(obj.metadata.finalizers, policy, options);
    if (finalizers) obj.metadata.finalizers = finalizers;
  }

  /** Finalizers, or the strategy's own hold (a namespace's spec.finalizers), keep a deleted object. */
  private isHeld(obj: T): boolean {
    return (obj.metadata.finalizers?.length ?? 0) > 0 || !!this.strategy.holdsDeletion?.(obj);
  }

  /** An object being deleted that nothing holds any more, with no grace period left, goes. */
  private deletionFinished(obj: T): boolean {
    return !!obj.metadata.deletionTimestamp && !obj.metadata.deletionGracePeriodSeconds && !this.isHeld(obj);
  }

  private prepareUpdate(obj: T, current: T, namespace: string | undefined, options: UpdateOptions<T>): void {
    const { subresource, writes } = options;
    this.placeInNamespace(obj, namespace);
    // As kube-apiserver: a uid left out is the stored one; a different one is refused.
    if (obj.metadata.uid) {
      this.throwIfInvalid(obj, validateImmutableField(obj.metadata.uid, current.metadata.uid, 'metadata.uid'));
    }
    keepSystemMetadata(obj, current);
    prepareWrite(writes ?? this.updateEndpoint(subresource ?? '', obj), obj, current);
    if (writes || subresource) return;
    if (this.strategy.generationTracked && desiredStateChanged(obj, current)) {
      obj.metadata.generation = (current.metadata.generation ?? 0) + 1;
    }
  }

  private validateUpdate(obj: T, current: T, { subresource, writes }: UpdateOptions<T>): FieldError[] {
    if (writes) return validateSubresourceUpdate(writes, obj, current);
    if (subresource === 'finalize')
      return [...validateObject(this.strategy, obj), ...validateSubresourceUpdate(undefined, obj, current)];
    if (subresource === 'status') return validateSubresourceUpdate(this.strategy.status, obj, current);
    if (subresource) return validateSubresourceUpdate(this.updateEndpoint(subresource, obj), obj, current);
    return [...validateObject(this.strategy, obj), ...validateObjectUpdate(this.strategy, obj, current)];
  }

  private updateEndpoint(subresource: string, obj: T): UpdateSubresourceStrategy<T> {
    const endpoint = this.endpoints.get(subresource);
    if (endpoint) return endpoint;
    const { group, resource } = this.groupResource;
    throw StatusError.notFound({ group, resource: `${resource}/${subresource}` }, obj.metadata.name ?? '');
  }

  private placeInNamespace(obj: T, namespace: string | undefined): void {
    if (!this.strategy.namespaced) {
      delete obj.metadata.namespace;
      return;
    }
    if (obj.metadata.namespace && obj.metadata.namespace !== namespace) {
      throw StatusError.badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    obj.metadata.namespace = namespace;
  }

  private checkName(obj: T, name: string): void {
    if (obj.metadata.name === undefined || obj.metadata.name === '') obj.metadata.name = name;
    if (obj.metadata.name !== name) {
      throw StatusError.badRequest(
        `the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
  }

  /** A resourceVersion in the body must be the stored one; none means the latest (unconditional update). */
  private checkResourceVersion(obj: T, current: T, name: string): void {
    const pinned = obj.metadata.resourceVersion;
    if (pinned && pinned !== current.metadata.resourceVersion) throw this.conflict(name);
    obj.metadata.resourceVersion = current.metadata.resourceVersion;
  }

  /** As kube-apiserver's BeforeDelete, whose messages name the kind rather than the resource. */
  private checkPreconditions(current: T, preconditions: DeleteOptions['preconditions']): void {
    const meta = current.metadata;
    const kind = { group: this.strategy.kind.group, resource: this.strategy.kind.kind };
    if (preconditions?.uid && preconditions.uid !== meta.uid) {
      throw StatusError.conflict(
        kind,
        meta.name!,
        `the UID in the precondition (${preconditions.uid}) does not match the UID in record (${meta.uid}). The object might have been deleted and then recreated`,
      );
    }
    if (preconditions?.resourceVersion && preconditions.resourceVersion !== meta.resourceVersion) {
      throw StatusError.conflict(
        kind,
        meta.name!,
        `the ResourceVersion in the precondition (${preconditions.resourceVersion}) does not match the ResourceVersion in record (${meta.resourceVersion}). The object might have been modified`,
      );
    }
  }

  private throwIfInvalid(obj: T, errors: FieldError[]): void {
    if (errors.length) throw StatusError.invalid(this.strategy.kind, obj.metadata.name ?? '', errors);
  }

  private conflict(name: string): StatusError {
    return StatusError.conflict(
      this.groupResource,
      name,
      'the object has been modified; please apply your changes to the latest version and try again',
    );
  }

  private attributes(
    operation: Operation,
    obj: T | undefined,
    old: T | undefined,
    ctx: WriteContext,
    subresource?: WriteSubresource,
  ): AdmissionAttributes {
    return {
      operation,
      kind: this.strategy.kind,
      subresource,
      namespace: (obj ?? old)?.metadata.namespace,
      name: (obj ?? old)?.metadata.name ?? '',
      user: ctx.user,
      dryRun: !!ctx.dryRun,
      object: obj,
      oldObject: old,
    };
  }
}
