// The plugins that look at the other pods: inter-pod (anti-)affinity and topology spread.
import type { PluginFactory } from '../../framework';

export const podPlugins: Record<string, PluginFactory> = {};
