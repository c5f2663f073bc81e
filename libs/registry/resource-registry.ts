// The set of resources this server serves, looked up by group/version/plural or kind. Kinds may
// be added and removed while the server runs (CRDs will be); discovery, OpenAPI and the watch
// caches follow through the change event.
import { Strategy } from './strategy';

export const resourceKey = (group: string, version: string, plural: string): string => `${group}/${version}/${plural}`;

export interface ResourceRegistryChange {
  type: 'added' | 'removed';
  strategy: Strategy;
}

export type ResourceRegistryListener = (change: ResourceRegistryChange) => void;

export class ResourceRegistry {
  private readonly byResource = new Map<string, Strategy>();
  private readonly listeners = new Set<ResourceRegistryListener>();
  private served: Strategy[] = [];

  constructor(strategies: Strategy[]) {
    for (const s of strategies) this.byResource.set(keyOf(s), s);
    this.served = [...this.byResource.values()];
  }

  /** The served strategies now, in registration order; a new array after every change. */
  get strategies(): Strategy[] {
    return this.served;
  }

  find(group: string, version: string, plural: string): Strategy | undefined {
    return this.byResource.get(resourceKey(group, version, plural));
  }

  /** Starts serving a kind; its resource must not be served yet. */
  add(strategy: Strategy): void {
    const key = keyOf(strategy);
    if (this.byResource.has(key)) throw new Error(`${key} is served already`);
    this.byResource.set(key, strategy);
    this.changed({ type: 'added', strategy });
  }

  /** Stops serving a resource: requests to it are 404 from now on. Returns what was served, if anything. */
  remove(group: string, version: string, plural: string): Strategy | undefined {
    const key = resourceKey(group, version, plural);
    const strategy = this.byResource.get(key);
    if (!strategy) return undefined;
    this.byResource.delete(key);
    this.changed({ type: 'removed', strategy });
    return strategy;
  }

  /** Calls listener after each change, once the registry answers with it; returns the unsubscribe. */
  onChange(listener: ResourceRegistryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Served group/versions in discovery order: the core group first, then groups by name. */
  groupVersions(): { group: string; version: string }[] {
    const seen = new Map<string, { group: string; version: string }>();
    for (const s of this.served)
      seen.set(`${s.kind.group}/${s.kind.version}`, { group: s.kind.group, version: s.kind.version });
    return [...seen.values()].sort((a, b) =>
      a.group === b.group ? 0 : a.group === '' ? -1 : b.group === '' ? 1 : a.group.localeCompare(b.group),
    );
  }

  private changed(change: ResourceRegistryChange): void {
    this.served = [...this.byResource.values()];
    for (const listener of [...this.listeners]) listener(change);
  }
}

const keyOf = (s: Strategy): string => resourceKey(s.kind.group, s.kind.version, s.kind.plural);
