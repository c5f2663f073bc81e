// A shared informer over a ResourceClient, as client-go's SharedIndexInformer and its Reflector:
// list, then watch from the list's resourceVersion; a watch that ends 'closed' or 'failed' is
// resumed from the last resourceVersion seen (after the project's backoff when it keeps ending
// without news), one that ends 'expired' (410) means list again, and what changed meanwhile is
// delivered: objects gone are deleted with finalStateUnknown, as client-go's Replace hands out
// DeletedFinalStateUnknown. Handlers and listers share the informer's objects: never mutate them.
import { Logger } from '@nestjs/common';
import { KubeObject } from '@kubenest/apimachinery';
import { Backoff, backoffDelay } from '@kubenest/apimachinery/wait';
import type { ResourceInterface, Watch, WatchEnd, WatchEvent } from '@kubenest/client';
import { keyOf } from '../queue/keys';
import { IndexFunc, Indexer, Lister, NAMESPACE_INDEX } from './indexer';
import { byNamespace } from './index-functions';

/** What a handler is told. Objects are the informer's own: read them, never change them. */
export interface InformerEventHandler<T extends KubeObject = KubeObject> {
  add?(obj: T): void;
  update?(oldObj: T, newObj: T): void;
  /** finalStateUnknown: found gone at a relist; obj is the last state the informer saw. */
  delete?(obj: T, finalStateUnknown: boolean): void;
}

export interface InformerScope {
  /** Only this namespace; all when unset. */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface InformerOptions extends InformerScope {
  /** Every handler is given update(obj, obj) for every object this often; never when unset. */
  resyncPeriodMs?: number;
  /** Between failed lists and watches that end without news (client-go's reflector: 800 ms to 30 s). */
  backoff?: Backoff;
  logger?: Logger;
}

const REFLECTOR_BACKOFF: Backoff = { baseMs: 800, maxMs: 30_000, jitter: 0.1 };

export class SharedInformer<T extends KubeObject = KubeObject> {
  private readonly indexer = new Indexer<T>();
  private readonly handlers = new Set<InformerEventHandler<T>>();
  private readonly logger: Logger;
  private started = false;
  private stopped = false;
  private synced = false;
  private settleSync!: (synced: boolean) => void;
  private readonly syncedPromise = new Promise<boolean>((resolve) => (this.settleSync = resolve));
  private resourceVersion?: string;
  private watch?: Watch;
  private sleepTimer?: NodeJS.Timeout;
  private wake?: () => void;
  private resyncTimer?: NodeJS.Timeout;

  constructor(
    private readonly resource: ResourceInterface<T>,
    private readonly options: InformerOptions = {},
  ) {
    this.logger = options.logger ?? new Logger('SharedInformer');
    this.indexer.addIndexers({ [NAMESPACE_INDEX]: byNamespace as IndexFunc<T> });
  }

  get lister(): Lister<T> {
    return this.indexer;
  }

  /** The resourceVersion of the last list or event seen. */
  get lastSyncResourceVersion(): string | undefined {
    return this.resourceVersion;
  }

  /** Adds a handler; one added after start is first given every object it holds as add. */
  addEventHandler(handler: InformerEventHandler<T>): { remove(): void } {
    this.handlers.add(handler);
    if (this.started) for (const obj of this.indexer.list()) this.call('add', () => handler.add?.(obj));
    return { remove: () => this.handlers.delete(handler) };
  }

  addIndexers(indexers: Record<string, IndexFunc<T>>): void {
    this.indexer.addIndexers(indexers);
  }

  /** True once the first list has been delivered, as client-go's HasSynced. */
  hasSynced(): boolean {
    return this.synced;
  }

  /**
   * Resolves true once hasSynced() is true, or false if the informer is stopped before, as
   * client-go's WaitForCacheSync answers false when its stop channel closes first.
   */
  waitForSync(): Promise<boolean> {
    return this.syncedPromise;
  }

  run(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    void this.listAndWatch();
    if (this.options.resyncPeriodMs) {
      this.resyncTimer = setInterval(() => this.resync(), this.options.resyncPeriodMs);
      this.resyncTimer.unref();
    }
  }

  stop(): void {
    this.stopped = true;
    this.watch?.stop();
    clearTimeout(this.sleepTimer);
    clearInterval(this.resyncTimer);
    this.wake?.();
    this.settleSync(false);
  }

  private async listAndWatch(): Promise<void> {
    const backoff = this.options.backoff ?? REFLECTOR_BACKOFF;
    let failures = 0;
    let needList = true;
    while (!this.stopped) {
      if (needList) {
        try {
          await this.list();
          needList = false;
          failures = 0;
        } catch (error) {
          this.logger.warn(`list failed: ${(error as Error).message}`);
          await this.sleep(backoffDelay(failures++, backoff));
          continue;
        }
      }
      if (this.stopped) return;
      const { end, sawEvents } = await this.watchOnce();
      if (this.stopped) return;
      if (end === 'expired') {
        needList = true;
        continue;
      }
      failures = end === 'closed' && sawEvents ? 0 : failures + 1;
      if (failures > 0) await this.sleep(backoffDelay(failures - 1, backoff));
    }
  }

  private async list(): Promise<void> {
    const { namespace, labelSelector, fieldSelector } = this.options;
    const list = await this.resource.list(namespace, { labelSelector, fieldSelector });
    if (this.stopped) return;
    this.replace(list.items);
    this.resourceVersion = list.metadata.resourceVersion;
    if (!this.synced) {
      this.synced = true;
      this.settleSync(true);
    }
  }

  private watchOnce(): Promise<{ end: WatchEnd; sawEvents: boolean }> {
    const { namespace, labelSelector, fieldSelector } = this.options;
    let sawEvents = false;
    let expired = false;
    // A client may deliver events before watch() returns: the handle is not there yet to stop.
    let watch: Watch | undefined;
    try {
      watch = this.resource.watch(
        namespace,
        { resourceVersion: this.resourceVersion, labelSelector, fieldSelector, allowWatchBookmarks: true },
        (event) => {
          if (expired) return;
          sawEvents = true;
          if (event.type === 'ERROR') {
            // A 410 in the stream means the same as a watch that ends 'expired'.
            expired ||= (event.object as { code?: number }).code === 410;
            if (expired) watch?.stop();
            return;
          }
          this.onEvent(event);
        },
      );
      if (expired) watch.stop();
      this.watch = watch;
      return watch.done.then((end) => ({ end: expired ? 'expired' : end, sawEvents }));
    } catch (error) {
      this.logger.warn(`watch failed: ${(error as Error).message}`);
      return Promise.resolve({ end: 'failed', sawEvents });
    }
  }

  private onEvent(event: WatchEvent<T>): void {
    const obj = event.object as T;
    this.resourceVersion = obj.metadata.resourceVersion ?? this.resourceVersion;
    if (event.type === 'BOOKMARK') return;
    if (event.type === 'DELETED') {
      if (this.indexer.remove(keyOf(obj))) this.notify('delete', (h) => h.delete?.(obj, false));
      return;
    }
    const old = this.indexer.set(obj);
    if (old) this.notify('update', (h) => h.update?.(old, obj));
    else this.notify('add', (h) => h.add?.(obj));
  }

  /** After a list: new objects are added, changed ones updated, missing ones deleted. */
  private replace(items: T[]): void {
    const listed = new Set<string>();
    for (const obj of items) {
      listed.add(keyOf(obj));
      const old = this.indexer.set(obj);
      if (!old) this.notify('add', (h) => h.add?.(obj));
      else if (old.metadata.resourceVersion !== obj.metadata.resourceVersion)
        this.notify('update', (h) => h.update?.(old, obj));
    }
    for (const key of this.indexer.listKeys()) {
      if (listed.has(key)) continue;
      const gone = this.indexer.remove(key)!;
      this.notify('delete', (h) => h.delete?.(gone, true));
    }
  }

  private resync(): void {
    if (!this.synced || this.stopped) return;
    for (const obj of this.indexer.list()) this.notify('update', (h) => h.update?.(obj, obj));
  }

  private notify(what: string, fn: (handler: InformerEventHandler<T>) => void): void {
    for (const handler of this.handlers) this.call(what, () => fn(handler));
  }

  /** A handler that throws is logged; the informer and the other handlers go on. */
  private call(what: string, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.logger.error(`${what} handler failed: ${(error as Error).message}`);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = resolve;
      this.sleepTimer = setTimeout(resolve, ms);
      this.sleepTimer.unref();
    });
  }
}
