// Whether a namespace takes new objects: not being deleted (NamespaceLifecycle admission refuses
// creations in a terminating one), as kube's loops check before making an object there.
import type { KubeObject } from '@kubenest/apimachinery';

export const isNamespaceActive = (ns: KubeObject): boolean =>
  !ns.metadata.deletionTimestamp && (ns as { status?: { phase?: string } }).status?.phase !== 'Terminating';
