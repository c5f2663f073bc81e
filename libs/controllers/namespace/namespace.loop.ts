// The namespace loop, declared on the kit: for each namespace being deleted, after kube's delay,
// delete every namespaced object in it, report what remains as conditions, then finalize, as
// kube-controller-manager's namespace controller does under its own service account.
import type { Namespace } from '@kubenest/api/core/types';
import { controllerServiceAccount } from '@kubenest/auth/authz/controller-policy';
import { KubeObject } from '@kubenest/apimachinery';
import { resources, ResourceClient, ResourceRef } from '@kubenest/client';
import { chain, defineLoop, ignoreNotFound, Loop, updateFresh } from '../loop';
import { deleteContent, NamespacedContent } from './delete-content.step';
import { NAMESPACE_DELETION_DELAY_MS, waitDeletionDelay } from './deletion-delay.step';
import { finalizeNamespace } from './finalize-namespace.step';
import { reconcileNamespace } from './namespace.reconciler';
import { reportContent } from './report-content.step';

export const NAMESPACE_CONTROLLER = controllerServiceAccount('namespace-controller');

/** A namespaced resource as discovery serves it. */
export interface NamespacedResource {
  ref: ResourceRef;
  /** As kube's conditions name it: "pods", "deployments.apps". */
  name: string;
}

export interface NamespaceLoopOptions {
  /** The namespaced resources served now, each once; asked at every reconcile, as kinds come and go. */
  namespacedResources: () => NamespacedResource[];
  now?: () => Date;
  /** How long a namespace's deletion is left alone before its content goes (kube's is 5 s). */
  deletionDelayMs?: number;
  /** Longest wait before a namespace with content left is looked at again. */
  maxRetryDelayMs?: number;
}

/** One resource's objects in a namespace, read consistently (nothing written before the deletion is missed) and deleted. */
const contentOf = (client: ResourceClient, { ref, name }: NamespacedResource): NamespacedContent => ({
  resource: name,
  list: async (namespace) => (await client.resource(ref).list(namespace)).items,
  // The object comes back while a grace period or finalizers hold it; a Status once it is gone.
  // As kube's namespace controller: dependents go in the background, whatever a kind's default.
  delete: async (namespace, objName) =>
    ((await client.resource(ref).delete(namespace, objName, { propagationPolicy: 'Background' })) as KubeObject)
      .kind === 'Status',
});

export const namespaceLoop = (options: NamespaceLoopOptions): Loop =>
  defineLoop<Namespace>({
    name: 'namespace',
    identity: NAMESPACE_CONTROLLER,
    for: resources.namespaces,
    retry: { baseDelayMs: 100, maxDelayMs: options.maxRetryDelayMs ?? 5_000 },
    reconcile: ({ client }) => {
      const now = options.now ?? (() => new Date());
      const namespaces = client.resource<Namespace>(resources.namespaces);
      const write = (subresource: string) => (name: string, mutate: (current: Namespace) => void) =>
        updateFresh(namespaces, subresource)(undefined, name, mutate);
      return chain(
        waitDeletionDelay({ delayMs: options.deletionDelayMs ?? NAMESPACE_DELETION_DELAY_MS, now }),
        ignoreNotFound(
          reconcileNamespace({
            deleteContent: (ns) =>
              deleteContent({ resources: options.namespacedResources().map((r) => contentOf(client, r)) })(ns),
            reportContent: reportContent({ writeStatus: write('status'), now }),
            finalize: finalizeNamespace({ finalize: write('finalize') }),
          }),
        ),
      );
    },
  });
