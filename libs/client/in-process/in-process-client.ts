// ResourceClient over the registry in this process, acting as one identity: every call is
// authorized with the attributes an HTTP request would have, then served by the registry's
// ResourceHandler (admission runs there with the same user), as a loopback client would be
// without the wire. What it returns is the caller's own copy.
import { KubeObject, resourcePath, StatusError } from '@kubenest/apimachinery';
import { PatchType } from '@kubenest/apimachinery/patch';
import { QueryParams, parseListOptions, parseWriteOptions } from '@kubenest/apimachinery/query';
import { Authorizer, authorizeRequest, verbAttributes } from '@kubenest/auth';
import {
  RequestScope,
  RequestUser,
  RequestWriteOptions,
  ResourceHandler,
  ResourceRegistry,
  ResourceStores,
  copyObject,
} from '@kubenest/registry';
import {
  DeleteOptions,
  DeleteResult,
  ListOptions,
  ObjectList,
  ResourceClient,
  ResourceInterface,
  ResourceRef,
  Watch,
  WatchEvent,
  WatchOptions,
  WriteOptions,
} from '../resource-client';
import { startWatch } from './in-process-watch';

/** What the in-process client serves requests with: the registry, its stores and handler, the Authorizer in force. */
export interface InProcessDeps {
  registry: ResourceRegistry;
  stores: ResourceStores;
  handler: ResourceHandler;
  authorizer: Authorizer;
}

interface Target {
  verb: string;
  namespace: string | undefined;
  name?: string;
  subresource?: string;
  fieldSelector?: string;
}

const notFound = () => new StatusError(404, 'NotFound', 'the server could not find the requested resource');

/** Query parameters as a URL would carry them, so options are validated exactly as HTTP's are. */
const query = (values: Record<string, string | number | boolean | undefined>): QueryParams => {
  const params: QueryParams = {};
  for (const [key, value] of Object.entries(values)) if (value !== undefined) params[key] = String(value);
  return params;
};

const writeOptions = (options: WriteOptions = {}): RequestWriteOptions =>
  parseWriteOptions(
    query({
      dryRun: options.dryRun ? 'All' : undefined,
      fieldManager: options.fieldManager,
      fieldValidation: options.fieldValidation,
    }),
  );

class InProcessResource<T extends KubeObject> implements ResourceInterface<T> {
  constructor(
    private readonly ref: ResourceRef,
    private readonly deps: InProcessDeps,
    private readonly user: RequestUser,
  ) {}

  async get(namespace: string | undefined, name: string): Promise<T> {
    const scope = await this.scope({ verb: 'get', namespace, name });
    return copyObject(await this.deps.handler.get(scope)) as T;
  }

  async list(namespace: string | undefined, options: ListOptions = {}): Promise<ObjectList<T>> {
    const scope = await this.scope({ verb: 'list', namespace, fieldSelector: options.fieldSelector });
    const list = await this.deps.handler.list(scope, parseListOptions(query({ ...options })));
    // The items are the watch cache's own.
    return { ...list, metadata: { ...list.metadata }, items: list.items.map((item) => copyObject(item) as T) };
  }

  watch(namespace: string | undefined, options: WatchOptions, onEvent: (event: WatchEvent<T>) => void): Watch {
    const prepare = (async () => {
      const scope = await this.scope({ verb: 'watch', namespace, fieldSelector: options.fieldSelector });
      // As client-go's reflector: initial events come with resourceVersionMatch=NotOlderThan.
      const match = options.sendInitialEvents !== undefined ? 'NotOlderThan' : undefined;
      const parsed = parseListOptions(query({ ...options, resourceVersionMatch: match, watch: true }));
      const timeoutMs = parsed.timeoutSeconds ? parsed.timeoutSeconds * 1000 : undefined;
      return this.deps.handler.watch(scope, { ...parsed, timeoutMs });
    })();
    return startWatch(prepare, onEvent);
  }

  async create(obj: T, options?: WriteOptions): Promise<T> {
    const scope = await this.scope({ verb: 'create', namespace: this.namespaceOf(obj) });
    // Handed over as a request body is: a copy, so the caller's object stays as it was.
    const { object } = await this.deps.handler.create(scope, copyObject(obj), writeOptions(options), true);
    return copyObject(object) as T;
  }

  update(obj: T, options?: WriteOptions): Promise<T> {
    return this.write(obj, undefined, options);
  }

  updateStatus(obj: T, options?: WriteOptions): Promise<T> {
    return this.write(obj, 'status', options);
  }

  async patch(
    namespace: string | undefined,
    name: string,
    patchType: PatchType,
    patch: unknown,
    options: WriteOptions & { subresource?: string } = {},
  ): Promise<T> {
    const scope = await this.scope({ verb: 'patch', namespace, name, subresource: options.subresource });
    const { object } = await this.deps.handler.patch(scope, patchType, copyObject(patch), writeOptions(options));
    return copyObject(object) as T;
  }

  async delete(namespace: string | undefined, name: string, options: DeleteOptions = {}): Promise<DeleteResult<T>> {
    const scope = await this.scope({ verb: 'delete', namespace, name });
    const { dryRun } = writeOptions({ dryRun: options.dryRun });
    const answer = await this.deps.handler.delete(scope, {
      dryRun,
      gracePeriodSeconds: options.gracePeriodSeconds,
      preconditions: options.preconditions,
      propagationPolicy: options.propagationPolicy,
    });
    return answer.deleted ? answer.status : (copyObject(answer.object) as T);
  }

  async getSubresource<S extends KubeObject = KubeObject>(
    namespace: string | undefined,
    name: string,
    subresource: string,
  ): Promise<S> {
    const scope = await this.scope({ verb: 'get', namespace, name, subresource });
    return copyObject(await this.deps.handler.get(scope)) as S;
  }

  async createSubresource<S extends KubeObject = KubeObject, R = unknown>(
    namespace: string | undefined,
    name: string,
    subresource: string,
    body: S,
    options?: WriteOptions,
  ): Promise<R> {
    const scope = await this.scope({ verb: 'create', namespace, name, subresource });
    const { object } = await this.deps.handler.create(scope, copyObject(body), writeOptions(options), true);
    return copyObject(object) as R;
  }

  updateSubresource<S extends KubeObject = KubeObject>(
    subresource: string,
    obj: S,
    options?: WriteOptions,
  ): Promise<S> {
    return this.write(obj, subresource, options);
  }

  private async write<S extends KubeObject>(
    obj: S,
    subresource: string | undefined,
    options?: WriteOptions,
  ): Promise<S> {
    const name = obj.metadata?.name;
    if (!name) throw StatusError.badRequest('the object has no metadata.name to address it by');
    const scope = await this.scope({ verb: 'update', namespace: this.namespaceOf(obj), name, subresource });
    const { object } = await this.deps.handler.update(scope, copyObject(obj), writeOptions(options));
    return copyObject(object) as S;
  }

  /** A cluster-scoped object's namespace is no part of its URL. */
  private namespaceOf(obj: KubeObject): string | undefined {
    const strategy = this.deps.registry.find(this.ref.group, this.ref.version, this.ref.resource);
    return strategy?.namespaced ? obj.metadata?.namespace : undefined;
  }

  /** As ResourceRoutes: the resource must be served here, then the user allowed to do this to it. */
  private async scope(target: Target): Promise<RequestScope> {
    const { group, version, resource } = this.ref;
    const strategy = this.deps.registry.find(group, version, resource);
    if (!strategy || (!strategy.namespaced && target.namespace)) throw notFound();
    const address = {
      group,
      resource,
      subresource: target.subresource,
      namespace: target.namespace,
      name: target.name,
    };
    const query = target.fieldSelector ? { fieldSelector: target.fieldSelector } : {};
    const path = resourcePath(this.ref, target.namespace, target.name, target.subresource);
    await authorizeRequest(this.deps.authorizer, verbAttributes(this.user, target.verb, address, query, path));
    const { namespace, name, subresource } = target;
    return { entry: this.deps.stores.entry(strategy), namespace, name, subresource, user: this.user };
  }
}

export class InProcessClient implements ResourceClient {
  constructor(
    private readonly deps: InProcessDeps,
    /** The identity every call acts as, e.g. a controller's service account. */
    readonly user: RequestUser,
  ) {}

  resource<T extends KubeObject = KubeObject>(ref: ResourceRef): ResourceInterface<T> {
    return new InProcessResource<T>(ref, this.deps, this.user);
  }
}
