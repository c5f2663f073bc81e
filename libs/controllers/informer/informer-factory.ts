// Shared informers by resource and scope, as client-go's SharedInformerFactory: two loops that
// ask for the same resource with the same namespace and selectors get the same informer, so the
// process lists and watches it once.
import { Logger } from '@nestjs/common';
import { KubeObject } from '@kubenest/apimachinery';
import type { ResourceClient, ResourceRef } from '@kubenest/client';
import { InformerScope, SharedInformer } from './shared-informer';

export interface InformerFactoryOptions {
  /** The resync period of every informer the factory makes (none when unset). */
  resyncPeriodMs?: number;
  logger?: Logger;
}

const scopeKey = (ref: ResourceRef, scope: InformerScope): string =>
  JSON.stringify([
    ref.group,
    ref.version,
    ref.resource,
    scope.namespace ?? '',
    scope.labelSelector ?? '',
    scope.fieldSelector ?? '',
  ]);

export class InformerFactory {
  private readonly informers = new Map<string, SharedInformer>();
  private started = false;

  constructor(
    private readonly client: ResourceClient,
    private readonly options: InformerFactoryOptions = {},
  ) {}

  /** The one informer for this resource and scope; started at once if the factory already is. */
  informerFor<T extends KubeObject = KubeObject>(ref: ResourceRef, scope: InformerScope = {}): SharedInformer<T> {
    const key = scopeKey(ref, scope);
    let informer = this.informers.get(key);
    if (!informer) {
      informer = new SharedInformer(this.client.resource(ref), {
        ...scope,
        resyncPeriodMs: this.options.resyncPeriodMs,
        logger:
          this.options.logger ?? new Logger(`Informer ${ref.group ? `${ref.resource}.${ref.group}` : ref.resource}`),
      });
      this.informers.set(key, informer);
      if (this.started) informer.run();
    }
    return informer as unknown as SharedInformer<T>;
  }

  start(): void {
    this.started = true;
    for (const informer of this.informers.values()) informer.run();
  }

  /** Resolves true once every informer made so far has synced, false if one was stopped first. */
  async waitForSync(): Promise<boolean> {
    const synced = await Promise.all([...this.informers.values()].map((i) => i.waitForSync()));
    return synced.every(Boolean);
  }

  stop(): void {
    for (const informer of this.informers.values()) informer.stop();
  }
}
