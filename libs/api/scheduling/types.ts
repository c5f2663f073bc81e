// The scheduling.k8s.io/v1 kinds as the registry stores them.
import type { IPriorityClass } from 'kubernetes-models/scheduling.k8s.io/v1/PriorityClass';
import { Kube } from '../common/kube-types';

export type PriorityClass = Kube<IPriorityClass>;

/** Whether a pod may preempt lower-priority pods (a PriorityClass's and a pod spec's preemptionPolicy). */
export type PreemptionPolicy = NonNullable<PriorityClass['preemptionPolicy']>;

/** A class's preemptionPolicy when it sets none, as kube's defaulting fills it in. */
export const DEFAULT_PREEMPTION_POLICY: PreemptionPolicy = 'PreemptLowerPriority';
