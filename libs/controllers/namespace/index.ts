// The namespace loop: empties namespaces being deleted, then finalizes them.
export { deleteContent } from './delete-content.step';
export type { ContentReport, NamespacedContent } from './delete-content.step';
export { NAMESPACE_DELETION_DELAY_MS, waitDeletionDelay } from './deletion-delay.step';
export { finalizeNamespace, holdsNamespaceFinalizer } from './finalize-namespace.step';
export type { WriteNamespaceFinalizers } from './finalize-namespace.step';
export { conditionsFor, setNamespaceConditions } from './namespace-conditions';
export { NAMESPACE_CONTROLLER, namespaceLoop } from './namespace.loop';
export type { NamespacedResource, NamespaceLoopOptions } from './namespace.loop';
export { reconcileNamespace } from './namespace.reconciler';
export type { NamespaceSteps } from './namespace.reconciler';
export { ContentRemainingError, isEmpty, reportContent } from './report-content.step';
export type { WriteNamespaceStatus } from './report-content.step';
