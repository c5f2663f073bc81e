// The namespace controller: fed by the namespace watch cache, each namespace being deleted goes
// through the queue and a chain of steps (delete its content, report what remains, finalize),
// written through the registry as its own user, as kube-controller-manager's namespace
// controller does; a namespace with content left comes back with a growing delay.
import { Logger } from '@nestjs/common';
import type { Namespace } from '@kubenest/api/core/types';
import { StatusError } from '@kubenest/apimachinery';
import { RequestUser, ResourceEntry, ResourceStores, UpdateOptions } from '@kubenest/registry';
import { startInformer } from '../informer';
import { WorkQueue } from '../queue';
import { ContentReport, deleteContent, NamespacedContent } from './delete-content.step';
import { finalizeNamespace, holdsNamespaceFinalizer } from './finalize-namespace.step';
import { ContentRemainingError, reportContent } from './report-content.step';

/** The identity the controller writes with, as kube's namespace-controller service account. */
export const NAMESPACE_CONTROLLER_USER: RequestUser = {
  name: 'system:serviceaccount:kube-system:namespace-controller',
  groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'],
};

const DELETION_DELAY_MS = 5_000;

export interface NamespaceControllerDeps {
  stores: ResourceStores;
  now?: () => Date;
  /** Longest wait before a namespace with content left is looked at again. */
  maxRetryDelayMs?: number;
  /** How long a namespace's deletion is left alone before its content goes (kube's is 5 s). */
  deletionDelayMs?: number;
}

export interface NamespaceController {
  /** Resolves once every queued namespace has been handled and none waits for a retry (not the deletion delay). */
  idle(): Promise<void>;
  stop(): void;
}

export interface NamespaceSteps {
  deleteContent: (ns: Namespace) => Promise<ContentReport>;
  reportContent: (ns: Namespace, report: ContentReport) => Promise<boolean>;
  finalize: (ns: Namespace) => Promise<void>;
}

/** A namespace being deleted and still held by the controller's finalizer goes through the steps. */
export const reconcileNamespace =
  (steps: NamespaceSteps) =>
  async (ns: Namespace): Promise<void> => {
    if (!ns.metadata.deletionTimestamp || !holdsNamespaceFinalizer(ns)) return;
    const report = await steps.deleteContent(ns);
    if (!(await steps.reportContent(ns, report))) throw new ContentRemainingError(report);
    await steps.finalize(ns);
  };

const resourceName = (entry: ResourceEntry): string =>
  entry.strategy.kind.group ? `${entry.strategy.kind.plural}.${entry.strategy.kind.group}` : entry.strategy.kind.plural;

/** Every namespaced resource once (resources served at several versions share one store). */
export const namespacedContent = (stores: ResourceStores, user: RequestUser): NamespacedContent[] => {
  const byPrefix = new Map<string, NamespacedContent>();
  for (const strategy of stores.registry.strategies) {
    if (!strategy.namespaced) continue;
    const entry = stores.entry(strategy);
    if (byPrefix.has(entry.store.prefix)) continue;
    byPrefix.set(entry.store.prefix, {
      resource: resourceName(entry),
      // A consistent read: nothing written before the deletion is missed by a lagging cache.
      list: async (namespace) => (await entry.cache.list({ namespace, consistent: true })).items,
      delete: async (namespace, name) => (await entry.store.delete(namespace, name, { user })).deleted,
    });
  }
  return [...byPrefix.values()];
};

export const startNamespaceController = (deps: NamespaceControllerDeps): NamespaceController => {
  const logger = new Logger('NamespaceController');
  const namespaces = deps.stores.byKind('', 'Namespace')!;
  const now = deps.now ?? (() => new Date());
  const user = NAMESPACE_CONTROLLER_USER;
  const write =
    (subresource: UpdateOptions['subresource']) =>
    async (name: string, mutate: (current: Namespace) => void): Promise<Namespace> =>
      (
        await namespaces.store.update(
          undefined,
          name,
          (current) => {
            mutate(current as Namespace);
            return current!;
          },
          { subresource, user },
        )
      ).object as Namespace;
  const reconcile = reconcileNamespace({
    deleteContent: deleteContent({ resources: namespacedContent(deps.stores, user) }),
    reportContent: reportContent({ writeStatus: write('status'), now }),
    finalize: finalizeNamespace({ finalize: write('finalize') }),
  });
  const queue = new WorkQueue(
    async (name) => {
      const ns = namespaces.cache.get(namespaces.store.key(undefined, name)) as Namespace | undefined;
      if (!ns) return;
      try {
        await reconcile(ns);
      } catch (e) {
        // Deleted meanwhile: nothing left to do.
        if (StatusError.is(e) && e.code === 404) return;
        throw e;
      }
    },
    {
      baseDelayMs: 100,
      maxDelayMs: deps.maxRetryDelayMs ?? 5_000,
      onError: (name, e) => {
        if (e instanceof ContentRemainingError) logger.debug(`${name}: ${e.message}`);
        else logger.warn(`${name}: ${(e as Error).message}`);
      },
    },
  );
  // As kube's, a change is handled only after a delay, so that objects created at the last
  // moment (on another server, or still on their way into a cache) are seen and deleted too.
  const delayed = new Map<string, NodeJS.Timeout>();
  const addAfterDelay = (name: string): void => {
    if (delayed.has(name)) return;
    const timer = setTimeout(() => {
      delayed.delete(name);
      queue.add(name);
    }, deps.deletionDelayMs ?? DELETION_DELAY_MS);
    timer.unref();
    delayed.set(name, timer);
  };
  // The initial list brings the namespaces already Terminating at start.
  const informer = startInformer(namespaces.cache, (type, obj) => {
    if (type !== 'DELETED' && obj.metadata.deletionTimestamp) addAfterDelay(obj.metadata.name!);
  });
  return {
    idle: () => queue.idle(),
    stop: () => {
      informer.stop();
      for (const timer of delayed.values()) clearTimeout(timer);
      delayed.clear();
      queue.stop();
    },
  };
};
