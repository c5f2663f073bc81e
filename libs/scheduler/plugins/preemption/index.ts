// DefaultPreemption: a pod that fits nowhere may evict lower-priority pods.
import type { PluginFactory } from '../../framework';

export const preemptionPlugins: Record<string, PluginFactory> = {};
