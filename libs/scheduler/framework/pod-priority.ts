// A pod's priority as the scheduler reads it, as kube's corev1helpers.PodPriority.
import type { Pod } from '@kubenest/api/core/types';

/** spec.priority; 0 when unset (a pod created before any PriorityClass defaulted it). */
export const podPriority = (pod: Pod): number => pod.spec?.priority ?? 0;
