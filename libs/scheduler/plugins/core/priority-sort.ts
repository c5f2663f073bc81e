// PrioritySort: the active queue's order, higher spec.priority first, then the pod queued first.
import type { PluginFactory, QueuedPod, QueueSortPlugin } from '../../framework';

export const PRIORITY_SORT = 'PrioritySort';

export const prioritySortLess = (a: QueuedPod, b: QueuedPod): boolean => {
  const pa = a.pod.spec?.priority ?? 0;
  const pb = b.pod.spec?.priority ?? 0;
  return pa > pb || (pa === pb && a.timestamp < b.timestamp);
};

export const prioritySort: PluginFactory = (): QueueSortPlugin => ({ name: PRIORITY_SORT, less: prioritySortLess });
