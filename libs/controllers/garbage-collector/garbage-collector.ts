// The garbage collector while it runs, as kube's GarbageCollector with its GraphBuilder: an
// informer per watched resource feeds the owner graph (resources added later are watched once the
// server serves them), and two rate-limited queues keyed by UID take what the graph hands out:
// attemptToDelete and attemptToOrphan. Handlers join once every informer has synced, so the graph
// is built from what is there before the first look at anything.
import { Logger } from '@nestjs/common';
import { KubeObject } from '@kubenest/apimachinery';
import type { ResourceClient } from '@kubenest/client';
import type { EventRecorder } from '../events';
import type { InformerFactory, SharedInformer } from '../informer';
import type { RunningLoop } from '../loop';
import { WorkQueue } from '../queue';
import { attemptToDelete, RequeueItem } from './attempt-to-delete';
import {
  apiVersionOf,
  CollectedResource,
  CollectedResources,
  resourceMapper,
  watchedResources,
} from './collected-resources';
import { describeIdentity, ObjectIdentity, OwnerReference, ownerIdentity } from './object-identity';
import { ObjectWrites, RestMappingError } from './object-writes';
import { orphanDependents } from './orphan-dependents';
import { GraphEvent, GraphNode, OwnerGraph } from './owner-graph';

export interface GarbageCollectorOptions {
  client: ResourceClient;
  informers: InformerFactory;
  resources: CollectedResources;
  recorder: EventRecorder;
  logger: Logger;
  /** Workers of the attemptToDelete queue (kube's --concurrent-gc-syncs). */
  workers?: number;
  retry?: { baseDelayMs?: number; maxDelayMs?: number };
}

interface Monitor {
  resource: CollectedResource;
  informer: SharedInformer;
  remove?: () => void;
}

const identityOf = (resource: CollectedResource, obj: KubeObject): ObjectIdentity => ({
  apiVersion: apiVersionOf(resource.ref),
  kind: resource.kind,
  name: obj.metadata.name ?? '',
  uid: obj.metadata.uid ?? '',
  namespace: obj.metadata.namespace ?? '',
});

export class GarbageCollector implements RunningLoop {
  readonly graph: OwnerGraph;
  private readonly deleteQueue: WorkQueue;
  private readonly orphanQueue: WorkQueue;
  private readonly writes: ObjectWrites;
  private readonly monitors = new Map<string, Monitor>();
  private unsubscribe?: () => void;
  private handling = false;
  private stopped = false;

  constructor(private readonly options: GarbageCollectorOptions) {
    this.writes = new ObjectWrites(
      options.client,
      resourceMapper(() => options.resources.list()),
    );
    this.graph = new OwnerGraph({
      attemptToDelete: (node, rateLimited) => this.enqueueDelete(node, rateLimited),
      attemptToOrphan: (node) => this.orphanQueue.add(node.identity.uid),
      invalidNamespaceOwnerRef: (dependent, ref) => this.reportInvalidNamespace(dependent, ref),
    });
    const onError = (key: string, e: unknown) => {
      if (e instanceof RequeueItem) return;
      const message = `garbage collecting ${key} failed: ${(e as Error).message}`;
      // A kind not served (yet): a custom resource may come; kube retries it as quietly.
      if (e instanceof RestMappingError) options.logger.debug(message);
      else options.logger.warn(message);
    };
    const retry = { baseDelayMs: 50, maxDelayMs: 30_000, ...options.retry };
    this.deleteQueue = new WorkQueue((uid) => this.handleDelete(uid), {
      workers: options.workers ?? 5,
      ...retry,
      onError,
    });
    this.orphanQueue = new WorkQueue((uid) => this.handleOrphan(uid), { workers: 2, ...retry, onError });
    this.syncMonitors();
    this.unsubscribe = options.resources.onChange(() => this.syncMonitors());
  }

  /** Once every watched resource's informer has synced, the graph is fed and the queues run. */
  async start(): Promise<void> {
    const synced = await Promise.all([...this.monitors.values()].map((m) => m.informer.waitForSync()));
    if (this.stopped || !synced.every(Boolean)) return;
    this.handling = true;
    for (const monitor of this.monitors.values()) this.feed(monitor);
    this.options.logger.log(`started, watching ${this.monitors.size} resources`);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    for (const monitor of this.monitors.values()) monitor.remove?.();
    await Promise.all([this.deleteQueue.shutdown(), this.orphanQueue.shutdown()]);
  }

  async idle(): Promise<void> {
    await Promise.all([this.deleteQueue.idle(), this.orphanQueue.idle()]);
  }

  /** Watches the resources served now and stops feeding from the ones gone. */
  private syncMonitors(): void {
    if (this.stopped) return;
    const watched = new Map(watchedResources(this.options.resources.list()).map((r) => [r.storage, r]));
    for (const [storage, monitor] of this.monitors) {
      if (watched.has(storage)) continue;
      monitor.remove?.();
      this.monitors.delete(storage);
    }
    for (const [storage, resource] of watched) {
      if (this.monitors.has(storage)) continue;
      const monitor: Monitor = { resource, informer: this.options.informers.informerFor(resource.ref) };
      this.monitors.set(storage, monitor);
      if (this.handling) this.feed(monitor);
    }
  }

  private feed(monitor: Monitor): void {
    const { resource } = monitor;
    const event = (type: GraphEvent['type'], object: KubeObject, old?: KubeObject) =>
      this.graph.process({ type, identity: identityOf(resource, object), object, old });
    monitor.remove = monitor.informer.addEventHandler({
      add: (obj) => event('add', obj),
      update: (old, obj) => event('update', obj, old),
      delete: (obj) => event('delete', obj),
    }).remove;
  }

  private enqueueDelete(node: GraphNode, rateLimited?: boolean): void {
    if (rateLimited) this.deleteQueue.addRateLimited(node.identity.uid);
    else this.deleteQueue.add(node.identity.uid);
  }

  private async handleDelete(uid: string): Promise<void> {
    const node = this.graph.node(uid);
    if (!node) return;
    await attemptToDelete(
      { graph: this.graph, writes: this.writes, attemptToDelete: (n) => this.enqueueDelete(n) },
      node,
    );
  }

  private async handleOrphan(uid: string): Promise<void> {
    const node = this.graph.node(uid);
    if (!node) return;
    await orphanDependents(this.writes, node);
  }

  private reportInvalidNamespace(dependent: GraphNode, ref: OwnerReference): void {
    const { apiVersion, kind, namespace, name, uid } = dependent.identity;
    const owner = describeIdentity(ownerIdentity(ref, namespace));
    this.options.recorder.event(
      { apiVersion, kind, metadata: { namespace, name, uid } },
      'Warning',
      'OwnerRefInvalidNamespace',
      `ownerRef ${owner} does not exist in namespace ${JSON.stringify(namespace)}`,
    );
  }
}
