// Every served resource's generic store and watch cache, built from the strategies and following
// the registry as kinds are added (their cache starts) and removed (their cache stops, its watches end).
import { Logger } from '@nestjs/common';
import { KubeObject } from '@kubenest/apimachinery';
import { Store } from '@kubenest/storage';
import { AdmissionChain } from './admission';
import { WatchCache } from './cache';
import { GenericStore } from './generic-store';
import { decodeObject } from './object-codec';
import { ResourceRegistry, ResourceRegistryChange } from './resource-registry';
import { Strategy } from './strategy';
import { ConnectHandler, SubresourceTable, subresourceTable } from './subresources';

export interface ResourceEntry {
  strategy: Strategy;
  store: GenericStore;
  cache: WatchCache;
  subresources: SubresourceTable;
}

export class ResourceStores {
  private readonly logger = new Logger(ResourceStores.name);
  private readonly entries = new Map<Strategy, ResourceEntry>();
  private readonly unsubscribe: () => void;
  private started = false;

  constructor(
    readonly registry: ResourceRegistry,
    readonly store: Store,
    private readonly admission: AdmissionChain,
  ) {
    for (const strategy of registry.strategies) this.addEntry(strategy);
    this.unsubscribe = registry.onChange((change) => this.follow(change));
  }

  entry(strategy: Strategy): ResourceEntry {
    const entry = this.entries.get(strategy);
    if (!entry) throw new Error(`no store for ${strategy.kind.plural}`);
    return entry;
  }

  /** The entry of a resource by its kind, e.g. for admission plugins looking up namespaces. */
  byKind(group: string, kind: string): ResourceEntry | undefined {
    for (const entry of this.entries.values()) {
      if (entry.strategy.kind.group === group && entry.strategy.kind.kind === kind) return entry;
    }
    return undefined;
  }

  /** Serves a kind's connect subresources (pods' log, exec, ...) with the app's handler. */
  registerConnect(group: string, kind: string, subresources: string[], handler: ConnectHandler): void {
    const entry = this.byKind(group, kind);
    for (const name of subresources) {
      const connect = entry?.subresources.get(name)?.connect;
      if (!connect) throw new Error(`${kind} declares no connect subresource ${name}`);
      connect.handler = handler;
    }
  }

  /** Resolves once the kind's cache serves, e.g. after the registry added it. */
  async ready(strategy: Strategy): Promise<void> {
    await this.entry(strategy).cache.start();
  }

  async start(): Promise<void> {
    this.started = true;
    await Promise.all([...this.entries.values()].map((e) => e.cache.start()));
  }

  stop(): void {
    this.unsubscribe();
    this.started = false;
    for (const e of this.entries.values()) e.cache.stop();
  }

  private follow({ type, strategy }: ResourceRegistryChange): void {
    if (type === 'removed') {
      this.entries.get(strategy)?.cache.stop();
      this.entries.delete(strategy);
      return;
    }
    const entry = this.addEntry(strategy);
    // The cache retries its first list itself; a failure here only means it was stopped first.
    if (this.started)
      entry.cache.start().catch((e: Error) => this.logger.warn(`${strategy.kind.plural}: ${e.message}`));
  }

  private addEntry(strategy: Strategy): ResourceEntry {
    const generic = new GenericStore(strategy, this.store, this.admission);
    const bookmark = (resourceVersion: string, annotations?: Record<string, string>): KubeObject => ({
      apiVersion: strategy.kind.group ? `${strategy.kind.group}/${strategy.kind.version}` : strategy.kind.version,
      kind: strategy.kind.kind,
      metadata: { resourceVersion, ...(annotations ? { annotations } : {}) },
    });
    const cache = new WatchCache(this.store, generic.prefix, decodeObject, { makeBookmark: bookmark });
    const entry: ResourceEntry = { strategy, store: generic, cache, subresources: subresourceTable(strategy) };
    this.entries.set(strategy, entry);
    return entry;
  }
}
