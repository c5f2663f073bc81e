// The plugins that look at the other pods: inter-pod (anti-)affinity and topology spread.
import type { PluginFactory } from '../../framework';
import { INTER_POD_AFFINITY, newInterPodAffinity } from './inter-pod-affinity/inter-pod-affinity';
import { newPodTopologySpread, POD_TOPOLOGY_SPREAD } from './pod-topology-spread/pod-topology-spread';

export const podPlugins: Record<string, PluginFactory> = {
  [INTER_POD_AFFINITY]: newInterPodAffinity,
  [POD_TOPOLOGY_SPREAD]: newPodTopologySpread,
};
