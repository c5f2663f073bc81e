// Every in-tree plugin by name, as kube-scheduler's in-tree registry.
import type { PluginFactory } from '../framework';
import { corePlugins } from './core';
import { nodePlugins } from './node';
import { podPlugins } from './pod';
import { preemptionPlugins } from './preemption';

export const inTreePlugins: Readonly<Record<string, PluginFactory>> = {
  ...corePlugins,
  ...nodePlugins,
  ...podPlugins,
  ...preemptionPlugins,
};
