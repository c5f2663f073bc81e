// One loop while it runs: informers for what it is for and what it owns (from a shared factory),
// handlers that enqueue keys, the work queue and its workers, as controller-runtime's Controller
// with EnqueueRequestForObject and EnqueueRequestForOwner. Workers start once the informers
// have synced, as kube's controllers wait for WaitForCacheSync.
import { Logger } from '@nestjs/common';
import { KubeObject } from '@kubenest/apimachinery';
import type { ResourceClient, ResourceRef } from '@kubenest/client';
import { ClientEventRecorder } from '../events';
import { Expectations } from '../expectations';
import { controllerOf, IndexFunc, InformerFactory, SharedInformer } from '../informer';
import { keyOf, WorkQueue } from '../queue';
import { Loop, LoopDeps, LoopWatch } from './define-loop';
import { resourceRefOf } from './resource-name';

const sameLabels = (a: KubeObject, b: KubeObject): boolean => {
  const [x, y] = [a.metadata.labels ?? {}, b.metadata.labels ?? {}];
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((k) => x[k] === y[k]);
};

export class LoopRunner {
  private readonly queue: WorkQueue;
  private readonly forInformer: SharedInformer;
  private readonly removers: (() => void)[] = [];
  private readonly logger: Logger;
  private readonly ownedInformers: SharedInformer[];
  private readonly watched: { watch: LoopWatch; informer: SharedInformer }[];
  /** Every informer the loop asked for: its workers wait for these alone to sync. */
  private readonly used = new Set<SharedInformer>();
  private readonly expectations: Expectations;
  private readonly adopters: Loop['adopters'];
  private stopped = false;

  constructor(
    loop: Loop,
    private readonly informers: InformerFactory,
    client: ResourceClient,
  ) {
    this.logger = new Logger(`Loop ${loop.name}`);
    this.forInformer = this.informerFor(loop.for);
    const expectations = new Expectations();
    const deps: LoopDeps = {
      client,
      lister: this.forInformer.lister,
      listerFor: <O extends KubeObject>(r: string | ResourceRef, indexers?: Record<string, IndexFunc<O>>) => {
        const informer = this.informerFor<O>(r);
        if (indexers) informer.addIndexers(indexers);
        return informer.lister;
      },
      expectations,
      recorder: new ClientEventRecorder({ client, component: loop.name, logger: this.logger }),
      logger: this.logger,
    };
    const reconcile = loop.reconcile(deps);
    const gone = loop.gone?.(deps);
    this.queue = new WorkQueue(
      async (key) => {
        const obj = this.forInformer.lister.getByKey(key);
        // Gone: nothing to reconcile; what it owned is the garbage collector's.
        if (!obj) {
          expectations.delete(key);
          return gone?.(key);
        }
        const result = await reconcile(obj);
        if (result?.requeueAfterMs !== undefined) this.queue.addAfter(key, result.requeueAfterMs);
      },
      {
        workers: loop.workers ?? 1,
        ...loop.retry,
        onError: (key, e) => this.logger.warn(`reconcile ${key} failed: ${(e as Error).message}`),
      },
    );
    this.ownedInformers = (loop.owns ?? []).map((owned) => this.informerFor(owned));
    this.watched = (loop.watches ?? []).map((watch) => ({ watch, informer: this.informerFor(watch.resource) }));
    this.expectations = expectations;
    this.adopters = loop.adopters;
  }

  /**
   * Once the loop's informers have synced, registers the loop's handlers (each then hears of every
   * object already held, so every `for` object is reconciled once) and so starts the workers.
   * Informers stopped before they synced: resolves with nothing started.
   */
  async start(): Promise<void> {
    const synced = await Promise.all([...this.used].map((i) => i.waitForSync()));
    // Stopped before its informers synced (the Lease lost meanwhile): no workers start.
    if (this.stopped || !synced.every(Boolean)) return;
    this.logger.log('started');
    const enqueue = (obj: KubeObject) => this.queue.add(keyOf(obj));
    this.removers.push(
      this.forInformer.addEventHandler({ add: enqueue, update: (_o, n) => enqueue(n), delete: enqueue }).remove,
    );
    const observed = (obj: KubeObject, note?: (key: string) => void) => {
      const key = this.ownerKey(obj);
      if (key === undefined) return;
      note?.(key);
      this.queue.add(key);
    };
    const orphaned = (obj: KubeObject) => {
      if (!this.adopters || controllerOf(obj)) return;
      for (const adopter of this.adopters(obj, this.forInformer.lister)) this.queue.add(keyOf(adopter));
    };
    for (const informer of this.ownedInformers) {
      const handler = informer.addEventHandler({
        add: (obj) => {
          observed(obj, (k) => this.expectations.creationObserved(k));
          orphaned(obj);
        },
        // As EnqueueRequestForOwner: a change of controller enqueues both the old and the new owner.
        update: (old, obj) => {
          observed(old);
          const terminating = !old.metadata.deletionTimestamp && obj.metadata.deletionTimestamp;
          observed(obj, terminating ? (k) => this.expectations.terminationObserved(k, keyOf(obj)) : undefined);
          if (!sameLabels(old, obj) || controllerOf(old)?.uid !== controllerOf(obj)?.uid) orphaned(obj);
        },
        delete: (obj) => observed(obj, (k) => this.expectations.deletionObserved(k, keyOf(obj))),
      });
      this.removers.push(handler.remove);
    }
    this.watchOthers();
  }

  /** Enqueues the keys each watched resource's changes name. */
  private watchOthers(): void {
    for (const { watch, informer } of this.watched) {
      const enqueue = (obj: KubeObject, old?: KubeObject) => {
        for (const key of watch.keys(obj, old, this.forInformer.lister)) this.queue.add(key);
      };
      const handler = informer.addEventHandler({
        add: (obj) => enqueue(obj),
        update: (old, obj) => enqueue(obj, old),
        delete: (obj) => enqueue(obj),
      });
      this.removers.push(handler.remove);
    }
  }

  private informerFor<T extends KubeObject>(resource: string | ResourceRef): SharedInformer<T> {
    const informer = this.informers.informerFor<T>(resourceRefOf(resource));
    this.used.add(informer as unknown as SharedInformer);
    return informer;
  }

  /** The key of the `for` object an object's controller ownerReference points at, if the informer holds it. */
  private ownerKey(obj: KubeObject): string | undefined {
    const ref = controllerOf(obj);
    if (!ref) return undefined;
    // A cluster-scoped owner (a Node, say) has no namespace.
    const owner =
      this.forInformer.lister.get(obj.metadata.namespace, ref.name) ?? this.forInformer.lister.get(undefined, ref.name);
    return owner?.metadata.uid === ref.uid ? keyOf(owner) : undefined;
  }

  /** Resolves once nothing is queued or being handled (for tests). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const remove of this.removers) remove();
    await this.queue.shutdown();
  }
}
