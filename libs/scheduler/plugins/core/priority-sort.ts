// PrioritySort: the active queue's order, higher spec.priority first, then the pod queued first.
import type { PluginFactory, QueuedPod, QueueSortPlugin } from '../../framework';
import { podPriority } from '../../framework/pod-priority';

export const PRIORITY_SORT = 'PrioritySort';

export const prioritySortLess = (a: QueuedPod, b: QueuedPod): boolean => {
  const pa = podPriority(a.pod);
  const pb = podPriority(b.pod);
  return pa > pb || (pa === pb && a.timestamp < b.timestamp);
};

export const prioritySort: PluginFactory = (): QueueSortPlugin => ({ name: PRIORITY_SORT, less: prioritySortLess });
