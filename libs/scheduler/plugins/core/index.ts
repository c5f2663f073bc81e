// The plugins the scheduler's core brings: the queue's order, scheduling gates, the binder.
import type { PluginFactory } from '../../framework';
import { DEFAULT_BINDER, defaultBinder } from './default-binder';
import { PRIORITY_SORT, prioritySort } from './priority-sort';
import { SCHEDULING_GATES, schedulingGates } from './scheduling-gates';

export const corePlugins: Record<string, PluginFactory> = {
  [PRIORITY_SORT]: prioritySort,
  [SCHEDULING_GATES]: schedulingGates,
  [DEFAULT_BINDER]: defaultBinder,
};
