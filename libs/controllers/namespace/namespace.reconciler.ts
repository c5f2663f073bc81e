// The namespace controller's reconcile: a namespace being deleted and still held by the
// controller's finalizer goes through the steps (delete its content, report what remains,
// finalize); content left fails the reconcile, so the namespace comes back with a growing delay.
import type { Namespace } from '@kubenest/api/core/types';
import { ContentReport } from './delete-content.step';
import { holdsNamespaceFinalizer } from './finalize-namespace.step';
import { ContentRemainingError } from './report-content.step';

export interface NamespaceSteps {
  deleteContent: (ns: Namespace) => Promise<ContentReport>;
  reportContent: (ns: Namespace, report: ContentReport) => Promise<boolean>;
  finalize: (ns: Namespace) => Promise<void>;
}

export const reconcileNamespace =
  (steps: NamespaceSteps) =>
  async (ns: Namespace): Promise<void> => {
    if (!ns.metadata.deletionTimestamp || !holdsNamespaceFinalizer(ns)) return;
    const report = await steps.deleteContent(ns);
    if (!(await steps.reportContent(ns, report))) throw new ContentRemainingError(report);
    await steps.finalize(ns);
  };
