// The plugins that look at the node itself: its name, labels, taints, resources and host ports.
import type { PluginFactory } from '../../framework';

export const nodePlugins: Record<string, PluginFactory> = {};
