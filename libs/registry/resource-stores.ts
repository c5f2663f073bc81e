// Every served resource's generic store and watch cache, built from the strategies.
import { KubeObject } from '@kubenest/apimachinery';
import { Store } from '@kubenest/storage';
import { AdmissionChain } from './admission';
import { WatchCache } from './cache';
import { GenericStore } from './generic-store';
import { decodeObject } from './object-codec';
import { ResourceRegistry } from './resource-registry';
import { Strategy } from './strategy';
import { ConnectHandler, SubresourceTable, subresourceTable } from './subresources';

export interface ResourceEntry {
  strategy: Strategy;
  store: GenericStore;
  cache: WatchCache;
  subresources: SubresourceTable;
}

export class ResourceStores {
  private readonly entries = new Map<Strategy, ResourceEntry>();

  constructor(
    readonly registry: ResourceRegistry,
    readonly store: Store,
    admission: AdmissionChain,
  ) {
    for (const strategy of registry.strategies) {
      const generic = new GenericStore(strategy, store, admission);
      const bookmark = (resourceVersion: string, annotations?: Record<string, string>): KubeObject => ({
        apiVersion: strategy.kind.group ? `${strategy.kind.group}/${strategy.kind.version}` : strategy.kind.version,
        kind: strategy.kind.kind,
        metadata: { resourceVersion, ...(annotations ? { annotations } : {}) },
      });
      const cache = new WatchCache(store, generic.prefix, decodeObject, { makeBookmark: bookmark });
      this.entries.set(strategy, { strategy, store: generic, cache, subresources: subresourceTable(strategy) });
    }
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

  async start(): Promise<void> {
    await Promise.all([...this.entries.values()].map((e) => e.cache.start()));
  }

  stop(): void {
    for (const e of this.entries.values()) e.cache.stop();
  }
}
