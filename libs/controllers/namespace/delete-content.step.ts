// Step 1 of namespace deletion, as kube's namespaced-resources deleter: delete every object of
// every namespaced resource in the namespace, and count what is still there afterwards (pods
// waiting out their grace period, objects held by finalizers) and what could not be deleted.
import { KubeObject, StatusError } from '@kubenest/apimachinery';
import type { Namespace } from '@kubenest/api/core/types';

/** One namespaced resource, as the controller reads and deletes it. */
export interface NamespacedContent {
  /** As kube's conditions name it: "pods", "deployments.apps". */
  resource: string;
  list(namespace: string): Promise<KubeObject[]>;
  /** Deletes one object; false when it was only marked (a grace period or finalizers remain). */
  delete(namespace: string, name: string): Promise<boolean>;
}

export interface ContentReport {
  /** Objects left, by resource. */
  remaining: Record<string, number>;
  /** Objects left holding each finalizer. */
  finalizers: Record<string, number>;
  /** Deletions refused for another reason than NotFound. */
  failures: string[];
}

const increment = (counts: Record<string, number>, key: string): void => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** Deletes the object unless already being deleted; true when it is gone. */
const deleteOne = async (content: NamespacedContent, namespace: string, obj: KubeObject): Promise<boolean> => {
  if (obj.metadata.deletionTimestamp) return false;
  try {
    return await content.delete(namespace, obj.metadata.name!);
  } catch (e) {
    if (StatusError.is(e) && e.code === 404) return true;
    throw e;
  }
};

export const deleteContent =
  (deps: { resources: NamespacedContent[] }) =>
  async (ns: Namespace): Promise<ContentReport> => {
    const namespace = ns.metadata.name!;
    const report: ContentReport = { remaining: {}, finalizers: {}, failures: [] };
    for (const content of deps.resources) {
      for (const obj of await content.list(namespace)) {
        let gone: boolean;
        try {
          gone = await deleteOne(content, namespace, obj);
        } catch (e) {
          report.failures.push(`${content.resource} "${obj.metadata.name}": ${(e as Error).message}`);
          gone = false;
        }
        if (gone) continue;
        increment(report.remaining, content.resource);
        for (const finalizer of obj.metadata.finalizers ?? []) increment(report.finalizers, finalizer);
      }
    }
    return report;
  };
