// DefaultPreemption: a pod that fits nowhere may evict lower-priority pods.
import type { PluginFactory } from '../../framework';
import { DEFAULT_PREEMPTION, defaultPreemptionFactory } from './default-preemption';

export const preemptionPlugins: Record<string, PluginFactory> = {
  [DEFAULT_PREEMPTION]: defaultPreemptionFactory,
};
