// Why a pod fits nowhere and the message kube-scheduler's FitError builds from it: the reasons
// counted over the nodes, sorted and joined ("0/3 nodes are available: 1 Insufficient cpu, 2
// node(s) had untolerated taint {dedicated: db}."), or the pre-filter's message alone, then the
// post-filter's (preemption's) message. Preemption words its own "no node helps" message the same
// way, hence here rather than in the runtime.
import type { Status } from './status';

export interface Diagnosis {
  /** The status of each node that was filtered out, by name. */
  nodeToStatus: Map<string, Status>;
  /** The status of the nodes never tried (a pre-filter failed, or narrowed the nodes). */
  absentNodesStatus?: Status;
  /** The plugins that rejected the pod: only events they registered move it again. */
  unschedulablePlugins: Set<string>;
  preFilterMsg?: string;
  postFilterMsg?: string;
}

export const newDiagnosis = (): Diagnosis => ({ nodeToStatus: new Map(), unschedulablePlugins: new Set() });

/** What the message is built from: a diagnosis, read only. */
export type FitErrorParts = Pick<Diagnosis, 'absentNodesStatus' | 'preFilterMsg' | 'postFilterMsg'> & {
  nodeToStatus: ReadonlyMap<string, Status>;
};

export const fitErrorMessage = (numAllNodes: number, d: FitErrorParts): string => {
  let message = `0/${numAllNodes} nodes are available:`;
  if (d.preFilterMsg) {
    message += ` ${d.preFilterMsg}.`;
  } else {
    const counts = new Map<string, number>();
    for (const status of d.nodeToStatus.values()) {
      for (const reason of status.reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
    }
    const absent = numAllNodes - d.nodeToStatus.size;
    if (absent > 0 && d.absentNodesStatus) {
      for (const reason of d.absentNodesStatus.reasons) counts.set(reason, (counts.get(reason) ?? 0) + absent);
    }
    // Sorted as Go's sort.Strings sorts the "<count> <reason>" strings: by UTF-16 code unit here,
    // which agrees with byte order for these messages.
    const histogram = [...counts].map(([reason, n]) => `${n} ${reason}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (histogram.length) message += ` ${histogram.join(', ')}.`;
  }
  if (d.postFilterMsg) message += ` ${d.postFilterMsg}`;
  return message;
};
