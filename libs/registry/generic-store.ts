// The generic store: one per resource, parameterised by its strategy, as kube-apiserver's
// genericregistry.Store. It owns the order of hooks around every write:
// system metadata → prepare → mutating admission → validate → validating admission → storage.
import { isDeepStrictEqual } from 'node:util';
import { GroupResource, KubeObject, StatusError } from '@kubenest/apimachinery';
import { Store, StoreError } from '@kubenest/storage';
import { AdmissionAttributes, AdmissionChain, Operation } from './admission';
import { desiredStateChanged } from './generation';
import { decodeObject, encodeObject, objectKey, resourcePrefixOf } from './object-codec';
import { interpretStoreError } from './store-errors';
import { Strategy } from './strategy';
import { fillCreateMetadata, keepSystemMetadata, nowTimestamp } from './system-metadata';

export interface RequestUser {
  name: string;
  groups: string[];
}

export interface WriteContext {
  user?: RequestUser;
  dryRun?: boolean;
}

export type WriteSubresource = 'status' | 'finalize';

export interface UpdateOptions extends WriteContext {
  /** 'status' writes status only, 'finalize' spec.finalizers only; undefined writes the main resource. */
  subresource?: WriteSubresource;
  /** Create the object when it does not exist (PUT and server-side apply may). */
  allowCreate?: boolean;
}

export interface DeleteOptions extends WriteContext {
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

  constructor(
    readonly strategy: Strategy<T>,
    private readonly store: Store,
    private readonly admission: AdmissionChain,
  ) {
    this.prefix = resourcePrefixOf(strategy.kind.group, strategy.kind.plural);
    this.groupResource = { group: strategy.kind.group, resource: strategy.kind.plural };
  }

  key(namespace: string | undefined, name: string): string {
    return objectKey(this.prefix, this.strategy.namespaced ? namespace : undefined, name);
  }

  /** Prefix of one namespace's objects, or of all objects. */
  keyPrefix(namespace?: string): string {
    return this.strategy.namespaced && namespace ? `${this.prefix}${namespace}/` : this.prefix;
  }

  async get(namespace: string | undefined, name: string): Promise<T> {
    const kv = await this.store.get(this.key(namespace, name)).catch((e) => {
      throw interpretStoreError(e, this.groupResource, name);
    });
    if (!kv) throw StatusError.notFound(this.groupResource, name);
    return decodeObject(kv) as T;
  }

  async create(namespace: string | undefined, input: T, ctx: WriteContext = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const obj = structuredClone(input);
      this.placeInNamespace(obj, namespace);
      fillCreateMetadata(obj, !!this.strategy.generationTracked);
      this.strategy.prepareForCreate?.(obj);
      const attributes = this.attributes('CREATE', obj, undefined, ctx);
      await this.admission.admit(attributes);
      this.throwIfInvalid(obj, this.strategy.validate(obj));
      await this.admission.validate(attributes);
      if (ctx.dryRun) return obj;
      try {
        return decodeObject(await this.store.create(this.key(namespace, obj.metadata.name!), encodeObject(obj))) as T;
      } catch (e) {
        const retryName = StoreError.is(e, 'exists') && !input.metadata.name && input.metadata.generateName;
        if (retryName && attempt < generateNameAttempts) continue;
        throw interpretStoreError(e, this.groupResource, obj.metadata.name!);
      }
    }
  }

  /**
   * Guaranteed update: read, apply the update function, validate, compare-and-swap on the
   * modification revision; retry on a lost race unless the client pinned a resourceVersion.
   */
  async update(
    namespace: string | undefined,
    name: string,
    updateFn: UpdateFunction<T>,
    options: UpdateOptions = {},
  ): Promise<{ object: T; created: boolean }> {
    const key = this.key(namespace, name);
    for (let attempt = 1; ; attempt++) {
      const kv = await this.store.get(key).catch((e) => {
        throw interpretStoreError(e, this.groupResource, name);
      });
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
      const obj = await updateFn(structuredClone(current));
      this.checkName(obj, name);
      const pinned = obj.metadata.resourceVersion;
      if (pinned && pinned !== current.metadata.resourceVersion) throw this.conflict(name);
      this.prepareUpdate(obj, current, namespace, options.subresource);
      const attributes = this.attributes('UPDATE', obj, current, options);
      await this.admission.admit(attributes);
      this.throwIfInvalid(obj, this.validateUpdate(obj, current, options.subresource));
      await this.admission.validate(attributes);
      const finished = this.deletionFinished(obj);
      if (!finished && isDeepStrictEqual(encodeObject(obj), encodeObject(current)))
        return { object: current, created: false };
      if (options.dryRun) return { object: obj, created: false };
      try {
        const written = finished
          ? await this.store.delete(key, { modRevision: kv.modRevision })
          : await this.store.update(key, encodeObject(obj), { modRevision: kv.modRevision });
        return {
          object: decodeObject(finished ? { ...written, value: encodeObject(obj) } : written) as T,
          created: false,
        };
      } catch (e) {
        if (StoreError.is(e, 'conflict') && !pinned && attempt < conflictRetries) continue;
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
      const kv = await this.store.get(key).catch((e) => {
        throw interpretStoreError(e, this.groupResource, name);
      });
      if (!kv) throw StatusError.notFound(this.groupResource, name);
      const current = decodeObject(kv) as T;
      this.checkPreconditions(current, options.preconditions);
      await this.admission.validate(this.attributes('DELETE', undefined, current, options));
      const marked = this.markForDeletion(current, options.gracePeriodSeconds);
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

  /** The object as marked for deletion, or undefined when it can go now. */
  private markForDeletion(current: T, requestedGrace: number | undefined): T | undefined {
    const marked = structuredClone(current);
    this.strategy.prepareForDelete?.(marked);
    const grace = Math.max(0, this.strategy.gracePeriodSeconds?.(current, requestedGrace) ?? requestedGrace ?? 0);
    if (grace === 0 && !this.isHeld(marked)) return undefined;
    const meta = marked.metadata;
    const shortened = meta.deletionGracePeriodSeconds !== undefined && grace < meta.deletionGracePeriodSeconds;
    if (!meta.deletionTimestamp || shortened) {
      meta.deletionTimestamp = nowTimestamp(new Date(Date.now() + grace * 1000)) as never;
      meta.deletionGracePeriodSeconds = grace;
    }
    return marked;
  }

  /** Finalizers, or the strategy's own hold (a namespace's spec.finalizers), keep a deleted object. */
  private isHeld(obj: T): boolean {
    return (obj.metadata.finalizers?.length ?? 0) > 0 || !!this.strategy.holdsDeletion?.(obj);
  }

  /** An object being deleted that nothing holds any more, with no grace period left, goes. */
  private deletionFinished(obj: T): boolean {
    return !!obj.metadata.deletionTimestamp && !obj.metadata.deletionGracePeriodSeconds && !this.isHeld(obj);
  }

  private prepareUpdate(obj: T, current: T, namespace: string | undefined, subresource?: WriteSubresource): void {
    this.placeInNamespace(obj, namespace);
    keepSystemMetadata(obj, current);
    if (subresource === 'finalize') {
      this.strategy.finalize!.prepareForUpdate(obj, current);
      return;
    }
    if (subresource === 'status') {
      if (this.strategy.status?.prepareForUpdate) this.strategy.status.prepareForUpdate(obj, current);
      else takeStatusOnly(obj, current);
      return;
    }
    this.strategy.prepareForUpdate?.(obj, current);
    if (this.strategy.generationTracked && desiredStateChanged(obj, current)) {
      obj.metadata.generation = (current.metadata.generation ?? 0) + 1;
    }
  }

  private validateUpdate(obj: T, current: T, subresource?: WriteSubresource) {
    if (subresource === 'finalize') return this.strategy.validate(obj);
    if (subresource === 'status') return this.strategy.status?.validateUpdate?.(obj, current) ?? [];
    return [...this.strategy.validate(obj), ...(this.strategy.validateUpdate?.(obj, current) ?? [])];
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

  private checkPreconditions(current: T, preconditions: DeleteOptions['preconditions']): void {
    if (preconditions?.uid && preconditions.uid !== current.metadata.uid) {
      throw StatusError.conflict(
        this.groupResource,
        current.metadata.name!,
        `Precondition failed: UID in precondition: ${preconditions.uid}, UID in object meta: ${current.metadata.uid}`,
      );
    }
    if (preconditions?.resourceVersion && preconditions.resourceVersion !== current.metadata.resourceVersion) {
      throw StatusError.conflict(
        this.groupResource,
        current.metadata.name!,
        `Precondition failed: ResourceVersion in precondition: ${preconditions.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`,
      );
    }
  }

  private throwIfInvalid(obj: T, errors: ReturnType<Strategy<T>['validate']>): void {
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
  ): AdmissionAttributes {
    return {
      operation,
      kind: this.strategy.kind,
      namespace: (obj ?? old)?.metadata.namespace,
      name: (obj ?? old)?.metadata.name ?? '',
      user: ctx.user,
      dryRun: !!ctx.dryRun,
      object: obj,
      oldObject: old,
    };
  }
}

/** The default status strategy: the new object is the old one with the new status. */
const takeStatusOnly = (obj: KubeObject, old: KubeObject): void => {
  const status = obj.status;
  for (const field of Object.keys(obj)) if (field !== 'metadata') delete obj[field];
  for (const [field, value] of Object.entries(old)) if (field !== 'metadata') obj[field] = structuredClone(value);
  if (status === undefined) delete obj.status;
  else obj.status = status;
  obj.metadata = { ...structuredClone(old.metadata), resourceVersion: obj.metadata.resourceVersion };
};
