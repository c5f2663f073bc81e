// The priority ranges and the two classes Kubernetes reserves for itself, as kube's scheduling API
// defines them: user classes stop at one billion, and names starting with "system-" are the system's.
import type { PriorityClass } from '../types';

/** The highest value a user's PriorityClass may have. */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;
/** Where the values of the system's critical classes begin. */
export const SYSTEM_CRITICAL_PRIORITY = 2 * HIGHEST_USER_DEFINABLE_PRIORITY;
/** The priority of a pod with no class when no class is the global default. */
export const DEFAULT_PRIORITY_WITHOUT_DEFAULT_CLASS = 0;
/** Names with this prefix are reserved for the system's classes. */
export const SYSTEM_PRIORITY_CLASS_PREFIX = 'system-';
export const SYSTEM_CLUSTER_CRITICAL = 'system-cluster-critical';
export const SYSTEM_NODE_CRITICAL = 'system-node-critical';

const systemClass = (name: string, value: number, description: string): PriorityClass => ({
  apiVersion: 'scheduling.k8s.io/v1',
  kind: 'PriorityClass',
  metadata: { name },
  value,
  description,
});

/** The classes every cluster has, created at start as kube-apiserver's scheduling bootstrap does. */
export const systemPriorityClasses = (): PriorityClass[] => [
  systemClass(
    SYSTEM_NODE_CRITICAL,
    SYSTEM_CRITICAL_PRIORITY + 1000,
    'Used for system critical pods that must not be moved from their current node.',
  ),
  systemClass(
    SYSTEM_CLUSTER_CRITICAL,
    SYSTEM_CRITICAL_PRIORITY,
    'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
  ),
];

export const isSystemPriorityClass = (name: string): boolean =>
  name === SYSTEM_CLUSTER_CRITICAL || name === SYSTEM_NODE_CRITICAL;
