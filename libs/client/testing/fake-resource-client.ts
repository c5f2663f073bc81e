// An in-memory ResourceClient for unit tests, as client-go's fake clientset: objects by resource,
// namespace and name under one global revision (1 before the first write, as etcd and the real
// store), resourceVersion preconditions, selectors, and watches from any revision still held.
// Lists are whole (limit and continue are ignored); no admission, defaulting or validation runs.
import { randomUUID } from 'node:crypto';
import { KubeObject, StatusError } from '@kubenest/apimachinery';
import { applyPatch, PatchType } from '@kubenest/apimachinery/patch';
import { parseFieldSelector, parseLabelSelector } from '@kubenest/apimachinery/selectors';
import {
  DeleteOptions,
  DeleteResult,
  ListOptions,
  ObjectList,
  ResourceClient,
  ResourceInterface,
  ResourceRef,
  Watch,
  WatchEnd,
  WatchEvent,
  WatchOptions,
  WriteOptions,
} from '../resource-client';
import { FakeWatch } from './fake-watch';

/** One call made through the fake, as client-go's testing.Action records it. */
export interface FakeAction {
  verb: 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete';
  resource: ResourceRef;
  namespace?: string;
  name?: string;
  subresource?: string;
  object?: KubeObject;
  /** A patch's type and body, as client-go's PatchAction carries them. */
  patchType?: PatchType;
  patch?: unknown;
  /** A delete's options, as client-go's DeleteAction carries them. */
  deleteOptions?: DeleteOptions;
}

/** Runs before each call; throwing (a StatusError, say) makes the call fail with it. */
export type FakeReactor = (action: FakeAction) => void;

/** One write, as the fake's history keeps it for watches. */
export interface FakeChange {
  revision: number;
  resource: string;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: KubeObject;
  previous?: KubeObject;
}

const resourceKey = (ref: ResourceRef): string => `${ref.group}/${ref.resource}`;
const objectKey = (namespace: string | undefined, name: string): string => `${namespace ?? ''}/${name}`;
const copy = <T>(obj: T): T => structuredClone(obj);
const groupResource = (ref: ResourceRef) => ({ group: ref.group, resource: ref.resource });

/** A field's value by its dotted path (metadata.name, spec.nodeName, status.phase), as field selectors read it. */
const fieldValue = (obj: KubeObject, path: string): string | undefined => {
  let value: unknown = obj;
  for (const part of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
  return value === undefined || value === null ? undefined : String(value);
};

const matcher = (options: { labelSelector?: string; fieldSelector?: string }) => {
  const labels = parseLabelSelector(options.labelSelector ?? '');
  const fields = parseFieldSelector(options.fieldSelector ?? '');
  return (obj: KubeObject): boolean =>
    labels.matches(obj.metadata.labels ?? undefined) && fields.matches((f) => fieldValue(obj, f));
};

export class FakeResourceClient implements ResourceClient {
  readonly actions: FakeAction[] = [];
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private readonly history: FakeChange[] = [];
  private readonly watches = new Set<FakeWatch>();
  private readonly reactors: FakeReactor[] = [];
  private currentRevision = 1;
  /** Watches from a revision below this one are 'expired' (410), as after a compaction. */
  private compactedRevision = 0;

  /** The store's revision: that of the last write, 1 before any. */
  get revision(): number {
    return this.currentRevision;
  }

  addReactor(reactor: FakeReactor): void {
    this.reactors.push(reactor);
  }

  /** Seeds objects as creates would, each at its own revision. */
  seed(ref: ResourceRef, ...objs: KubeObject[]): void {
    for (const obj of objs) this.write(ref, 'ADDED', this.created(obj));
  }

  /** Forgets history up to the current revision: older watches answer 'expired'. */
  compact(): void {
    this.compactedRevision = this.currentRevision;
    this.history.length = 0;
  }

  /** Ends every open watch as the server would: 'closed' (resume) or 'expired' (list again). */
  endWatches(end: Exclude<WatchEnd, 'stopped'>): void {
    for (const w of [...this.watches]) w.end(end);
  }

  /** Open watches, for tests that check a loop stopped watching. */
  get openWatches(): number {
    return this.watches.size;
  }

  resource<T extends KubeObject = KubeObject>(ref: ResourceRef): ResourceInterface<T> {
    return this.interfaceFor(ref) as unknown as ResourceInterface<T>;
  }

  private interfaceFor(ref: ResourceRef): ResourceInterface {
    return {
      get: async (namespace, name) => {
        this.react({ verb: 'get', resource: ref, namespace, name });
        return copy(this.existing(ref, namespace, name));
      },
      list: async (namespace, options) => {
        this.react({ verb: 'list', resource: ref, namespace });
        return this.list(ref, namespace, options);
      },
      watch: (namespace, options, onEvent) => {
        this.react({ verb: 'watch', resource: ref, namespace });
        return this.watch(ref, namespace, options, onEvent);
      },
      create: async (obj, options) => {
        this.react({ verb: 'create', resource: ref, namespace: obj.metadata.namespace, object: obj });
        return this.create(ref, obj, options);
      },
      update: async (obj, options) => {
        this.react({
          verb: 'update',
          resource: ref,
          namespace: obj.metadata.namespace,
          name: obj.metadata.name,
          object: obj,
        });
        return this.update(ref, obj, options, (old, next) => ({
          ...next,
          ...('status' in old ? { status: old.status } : {}),
        }));
      },
      updateStatus: async (obj, options) => this.updateStatus(ref, obj, options),
      patch: async (namespace, name, patchType, patch, options) => {
        this.react({
          verb: 'patch',
          resource: ref,
          namespace,
          name,
          subresource: options?.subresource,
          patchType,
          patch,
        });
        return this.patch(ref, namespace, name, patchType, patch, options);
      },
      delete: async (namespace, name, options) => {
        this.react({ verb: 'delete', resource: ref, namespace, name, deleteOptions: options });
        return this.delete(ref, namespace, name, options);
      },
      getSubresource: async (_namespace, _name, subresource) => {
        throw StatusError.notFound(groupResource(ref), subresource);
      },
      createSubresource: async (_namespace, _name, subresource) => {
        throw StatusError.methodNotAllowed(`the fake client has no ${subresource} subresource`);
      },
      updateSubresource: async (subresource, obj, options) => {
        if (subresource === 'status') return this.updateStatus(ref, obj, options) as typeof obj;
        throw StatusError.methodNotAllowed(`the fake client has no ${subresource} subresource`);
      },
    };
  }

  private react(action: FakeAction): void {
    this.actions.push(action);
    for (const reactor of this.reactors) reactor(action);
  }

  private bucket(ref: ResourceRef): Map<string, KubeObject> {
    let objs = this.objects.get(resourceKey(ref));
    if (!objs) this.objects.set(resourceKey(ref), (objs = new Map()));
    return objs;
  }

  private existing(ref: ResourceRef, namespace: string | undefined, name: string): KubeObject {
    const obj = this.bucket(ref).get(objectKey(namespace, name));
    if (!obj) throw StatusError.notFound(groupResource(ref), name);
    return obj;
  }

  private list(ref: ResourceRef, namespace: string | undefined, options: ListOptions = {}): ObjectList {
    const matches = matcher(options);
    const items = [...this.bucket(ref).values()]
      .filter((obj) => namespace === undefined || obj.metadata.namespace === namespace)
      .filter(matches)
      .map(copy);
    return { metadata: { resourceVersion: String(this.currentRevision) }, items };
  }

  private watch(
    ref: ResourceRef,
    namespace: string | undefined,
    options: WatchOptions,
    onEvent: (event: WatchEvent) => void,
  ): Watch {
    const from = Number(options.resourceVersion ?? '0');
    const w = new FakeWatch(resourceKey(ref), namespace, matcher(options), onEvent, () => this.watches.delete(w));
    if (from > 0 && from < this.compactedRevision) {
      w.end('expired');
      return w;
    }
    this.watches.add(w);
    if (from === 0) {
      for (const obj of this.bucket(ref).values())
        w.deliver({ revision: 0, resource: w.resource, type: 'ADDED', object: obj });
    } else {
      for (const change of this.history) if (change.revision > from) w.deliver(change);
    }
    return w;
  }

  private created(obj: KubeObject): KubeObject {
    const meta = { ...obj.metadata };
    if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${randomUUID().slice(0, 5)}`;
    if (!meta.name) throw StatusError.badRequest('name or generateName is required');
    return {
      ...copy(obj),
      metadata: {
        ...meta,
        uid: meta.uid ?? randomUUID(),
        creationTimestamp: meta.creationTimestamp ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
        generation: 1,
      },
    };
  }

  private create(ref: ResourceRef, obj: KubeObject, options: WriteOptions = {}): KubeObject {
    const next = this.created(obj);
    const { namespace, name } = next.metadata;
    if (this.bucket(ref).has(objectKey(namespace, name!))) throw StatusError.alreadyExists(groupResource(ref), name!);
    if (options.dryRun) return next;
    return copy(this.write(ref, 'ADDED', next));
  }

  private update(
    ref: ResourceRef,
    obj: KubeObject,
    options: WriteOptions = {},
    merge: (old: KubeObject, next: KubeObject) => KubeObject,
  ): KubeObject {
    const { namespace, name, resourceVersion } = obj.metadata;
    const old = this.existing(ref, namespace, name!);
    if (resourceVersion && resourceVersion !== old.metadata.resourceVersion) {
      throw StatusError.conflict(
        groupResource(ref),
        name!,
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    }
    const next = merge(old, copy(obj));
    next.metadata = { ...next.metadata, uid: old.metadata.uid, creationTimestamp: old.metadata.creationTimestamp };
    const specChanged =
      JSON.stringify({ ...next, metadata: 0, status: 0 }) !== JSON.stringify({ ...old, metadata: 0, status: 0 });
    next.metadata.generation = (old.metadata.generation ?? 1) + (specChanged ? 1 : 0);
    if (options.dryRun) return next;
    if (next.metadata.deletionTimestamp && !next.metadata.finalizers?.length) return copy(this.remove(ref, old));
    return copy(this.write(ref, 'MODIFIED', next, old));
  }

  private updateStatus(ref: ResourceRef, obj: KubeObject, options?: WriteOptions): KubeObject {
    this.react({
      verb: 'update',
      resource: ref,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name,
      subresource: 'status',
      object: obj,
    });
    return this.update(ref, obj, options, (old, next) => ({
      ...copy(old),
      metadata: next.metadata,
      status: next.status,
    }));
  }

  private patch(
    ref: ResourceRef,
    namespace: string | undefined,
    name: string,
    patchType: PatchType,
    patch: unknown,
    options: WriteOptions & { subresource?: string } = {},
  ): KubeObject {
    const old = this.existing(ref, namespace, name);
    const gvk = { group: ref.group, version: ref.version, kind: old.kind ?? '' };
    const patched = applyPatch(patchType, copy(old), patch, gvk) as KubeObject;
    const merge =
      options.subresource === 'status'
        ? (o: KubeObject, n: KubeObject) => ({ ...copy(o), metadata: n.metadata, status: n.status })
        : (_o: KubeObject, n: KubeObject) => n;
    return this.update(ref, patched, options, merge);
  }

  private delete(
    ref: ResourceRef,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): DeleteResult {
    const old = this.existing(ref, namespace, name);
    const pre = options.preconditions ?? {};
    if (
      (pre.uid && pre.uid !== old.metadata.uid) ||
      (pre.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion)
    ) {
      throw StatusError.conflict(groupResource(ref), name, 'Precondition failed: the object changed since');
    }
    if (old.metadata.finalizers?.length) {
      // As the generic store: an object with finalizers only gets its deletionTimestamp.
      if (options.dryRun || old.metadata.deletionTimestamp) return copy(old);
      const marked = copy(old);
      marked.metadata.deletionTimestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      return copy(this.write(ref, 'MODIFIED', marked, old));
    }
    if (options.dryRun) return copy(old);
    return copy(this.remove(ref, old));
  }

  private remove(ref: ResourceRef, old: KubeObject): KubeObject {
    this.bucket(ref).delete(objectKey(old.metadata.namespace, old.metadata.name!));
    const gone = { ...copy(old), metadata: { ...old.metadata, resourceVersion: String(++this.currentRevision) } };
    this.record({
      revision: this.currentRevision,
      resource: resourceKey(ref),
      type: 'DELETED',
      object: gone,
      previous: old,
    });
    return gone;
  }

  private write(ref: ResourceRef, type: 'ADDED' | 'MODIFIED', obj: KubeObject, previous?: KubeObject): KubeObject {
    obj.metadata.resourceVersion = String(++this.currentRevision);
    this.bucket(ref).set(objectKey(obj.metadata.namespace, obj.metadata.name!), obj);
    this.record({ revision: this.currentRevision, resource: resourceKey(ref), type, object: obj, previous });
    return obj;
  }

  private record(change: FakeChange): void {
    this.history.push(change);
    for (const w of this.watches) w.deliver(change);
  }
}
