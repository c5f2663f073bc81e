// Whether a pod may preempt at all, as DefaultPreemption's PodEligibleToPreemptOthers: never with
// preemptionPolicy Never, and not again while the victims of its last preemption still terminate
// on the node it was nominated to (preempting more would evict pods for nothing).
import type { Pod } from '@kubenest/api/core/types';
import type { NodeToStatus, Snapshot } from '../../framework';
import { podPriority } from '../../framework/pod-priority';

/** The condition kube's scheduler puts on a victim before deleting it. */
export const DISRUPTION_TARGET = 'DisruptionTarget';
export const PREEMPTION_BY_SCHEDULER = 'PreemptionByScheduler';

/** Deleted by a preemption (not by a user or a controller) and still terminating. */
export const terminatingByPreemption = (pod: Pod): boolean => {
  if (!pod.metadata.deletionTimestamp) return false;
  const condition = pod.status?.conditions?.find((c) => c.type === DISRUPTION_TARGET);
  return condition?.status === 'True' && condition.reason === PREEMPTION_BY_SCHEDULER;
};

/** undefined when the pod may preempt; otherwise why not, in kube's words. */
export const ineligibleToPreempt = (pod: Pod, snapshot: Snapshot, filtered: NodeToStatus): string | undefined => {
  if (pod.spec?.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
  const nominated = pod.status?.nominatedNodeName;
  if (!nominated) return undefined;
  // A node the filters could not be talked round on (absent: not even tried) may be given up for
  // another, so the pod may preempt elsewhere.
  const status = filtered.get(nominated);
  if (!status || status.code === 'UnschedulableAndUnresolvable') return undefined;
  const priority = podPriority(pod);
  const waiting = snapshot
    .get(nominated)
    ?.pods.some((p) => podPriority(p.pod) < priority && terminatingByPreemption(p.pod));
  return waiting ? 'not eligible due to a terminating pod on the nominated node.' : undefined;
};
