// The informer's store: objects by `namespace/name` key plus secondary indices, as client-go's
// cache.Indexer (threadSafeStore). Objects it hands out are shared with every handler and
// lister of the informer: read them, never mutate them (copy first, as client-go asks).
import { KubeObject } from '@kubenest/apimachinery';
import { LabelSelector } from '@kubenest/apimachinery/selectors';
import { keyOf } from '../queue/keys';

/** The values an object is indexed under (none: not in this index). */
export type IndexFunc<T extends KubeObject = KubeObject> = (obj: T) => string[];

/** Read access to an informer's objects, as client-go's listers. */
export interface Lister<T extends KubeObject = KubeObject> {
  /** By `namespace/name` (or `name`) key. */
  getByKey(key: string): T | undefined;
  get(namespace: string | undefined, name: string): T | undefined;
  /** Every object, or those of one namespace matching a label selector. */
  list(options?: { namespace?: string; selector?: LabelSelector }): T[];
  byIndex(index: string, value: string): T[];
}

export class Indexer<T extends KubeObject = KubeObject> implements Lister<T> {
  private readonly items = new Map<string, T>();
  private readonly indexers = new Map<string, IndexFunc<T>>();
  /** index name → indexed value → keys. */
  private readonly indices = new Map<string, Map<string, Set<string>>>();

  addIndexers(indexers: Record<string, IndexFunc<T>>): void {
    for (const [name, fn] of Object.entries(indexers)) {
      if (this.indexers.has(name)) {
        if (this.indexers.get(name) === fn) continue;
        throw new Error(`indexer conflict: ${name}`);
      }
      this.indexers.set(name, fn);
      this.indices.set(name, new Map());
      for (const [key, obj] of this.items) this.indexOne(name, fn, key, obj);
    }
  }

  getByKey(key: string): T | undefined {
    return this.items.get(key);
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.items.get(namespace ? `${namespace}/${name}` : name);
  }

  list(options: { namespace?: string; selector?: LabelSelector } = {}): T[] {
    const { namespace, selector } = options;
    const candidates =
      namespace !== undefined && this.indexers.has(NAMESPACE_INDEX)
        ? this.byIndex(NAMESPACE_INDEX, namespace)
        : [...this.items.values()];
    return candidates.filter(
      (obj) =>
        (namespace === undefined || (obj.metadata.namespace ?? '') === namespace) &&
        (!selector || selector.matches(obj.metadata.labels ?? undefined)),
    );
  }

  byIndex(index: string, value: string): T[] {
    const values = this.indices.get(index);
    if (!values) throw new Error(`index ${index} does not exist`);
    return [...(values.get(value) ?? [])].map((key) => this.items.get(key)!);
  }

  listKeys(): string[] {
    return [...this.items.keys()];
  }

  /** Stores obj under its key and answers what was there before. */
  set(obj: T): T | undefined {
    const key = keyOf(obj);
    const old = this.items.get(key);
    if (old) this.unindex(key, old);
    this.items.set(key, obj);
    for (const [name, fn] of this.indexers) this.indexOne(name, fn, key, obj);
    return old;
  }

  /** Removes the object under key and answers it. */
  remove(key: string): T | undefined {
    const old = this.items.get(key);
    if (!old) return undefined;
    this.unindex(key, old);
    this.items.delete(key);
    return old;
  }

  private indexOne(name: string, fn: IndexFunc<T>, key: string, obj: T): void {
    const values = this.indices.get(name)!;
    for (const value of fn(obj)) {
      let keys = values.get(value);
      if (!keys) values.set(value, (keys = new Set()));
      keys.add(key);
    }
  }

  private unindex(key: string, obj: T): void {
    for (const [name, fn] of this.indexers) {
      const values = this.indices.get(name)!;
      for (const value of fn(obj)) {
        const keys = values.get(value);
        keys?.delete(key);
        if (keys?.size === 0) values.delete(value);
      }
    }
  }
}

/** client-go's cache.NamespaceIndex. */
export const NAMESPACE_INDEX = 'namespace';
