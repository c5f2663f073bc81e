// The namespace controller: empties namespaces being deleted, then finalizes them.
export { deleteContent } from './delete-content.step';
export type { ContentReport, NamespacedContent } from './delete-content.step';
export { finalizeNamespace, holdsNamespaceFinalizer } from './finalize-namespace.step';
export type { WriteNamespaceFinalizers } from './finalize-namespace.step';
export { conditionsFor, setNamespaceConditions } from './namespace-conditions';
export {
  NAMESPACE_CONTROLLER_USER,
  namespacedContent,
  reconcileNamespace,
  startNamespaceController,
} from './namespace.reconciler';
export type { NamespaceController, NamespaceControllerDeps, NamespaceSteps } from './namespace.reconciler';
export { ContentRemainingError, isEmpty, reportContent } from './report-content.step';
export type { WriteNamespaceStatus } from './report-content.step';
