// How kube's node lifecycle controller paces NoExecute tainting by zone (handleDisruption): a zone
// whose nodes are all not ready is fully disrupted; one with more than two not ready making at
// least the unhealthy threshold is partly disrupted and tainted at the secondary rate when large,
// not at all when small; when every zone is fully disrupted the fault is taken for the control
// plane's, not the nodes', and nothing is tainted (the taints there are lifted).
import type { Node } from '@kubenest/api/core/types';
import { readyCondition } from './node-conditions';

export type ZoneState = 'Normal' | 'PartialDisruption' | 'FullDisruption';

/** kube-controller-manager's --node-eviction-rate and the flags beside it. */
export interface EvictionSettings {
  /** Nodes a second, per zone. */
  evictionRate: number;
  /** Nodes a second in a partly disrupted zone larger than largeClusterSizeThreshold. */
  secondaryEvictionRate: number;
  unhealthyZoneThreshold: number;
  largeClusterSizeThreshold: number;
}

export const DEFAULT_EVICTION_SETTINGS: EvictionSettings = {
  evictionRate: 0.1,
  secondaryEvictionRate: 0.01,
  unhealthyZoneThreshold: 0.55,
  largeClusterSizeThreshold: 50,
};

const REGION_LABELS = ['topology.kubernetes.io/region', 'failure-domain.beta.kubernetes.io/region'];
const ZONE_LABELS = ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone'];

/** The node's zone as kube's GetZoneKey names it: region and zone together; '' for a node without either. */
export const zoneKey = (node: Node): string => {
  const labels = node.metadata.labels ?? {};
  const first = (keys: string[]) => keys.map((k) => labels[k]).find((v) => v) ?? '';
  const region = first(REGION_LABELS);
  const zone = first(ZONE_LABELS);
  return region || zone ? `${region}:\x00:${zone}` : '';
};

export const zoneState = (readyStatuses: (string | undefined)[], unhealthyZoneThreshold: number): ZoneState => {
  const ready = readyStatuses.filter((s) => s === 'True').length;
  const notReady = readyStatuses.length - ready;
  if (ready === 0 && notReady > 0) return 'FullDisruption';
  if (notReady > 2 && notReady / readyStatuses.length >= unhealthyZoneThreshold) return 'PartialDisruption';
  return 'Normal';
};

/** Every zone's state and size, from its nodes' Ready conditions. */
export const zoneStates = (
  nodes: Node[],
  settings: EvictionSettings,
): Map<string, { state: ZoneState; size: number }> => {
  const statuses = new Map<string, (string | undefined)[]>();
  for (const node of nodes) {
    const zone = zoneKey(node);
    const zoneStatuses = statuses.get(zone) ?? [];
    zoneStatuses.push(readyCondition(node)?.status);
    statuses.set(zone, zoneStatuses);
  }
  return new Map(
    [...statuses].map(([zone, s]) => [zone, { state: zoneState(s, settings.unhealthyZoneThreshold), size: s.length }]),
  );
};

/** The tainting rate of a zone in this state (nodes a second), as kube's setLimiterInZone. */
export const zoneEvictionRate = (state: ZoneState, size: number, settings: EvictionSettings): number => {
  if (state !== 'PartialDisruption') return settings.evictionRate;
  return size > settings.largeClusterSizeThreshold ? settings.secondaryEvictionRate : 0;
};

export const allFullyDisrupted = (states: Map<string, { state: ZoneState }>): boolean =>
  states.size > 0 && [...states.values()].every((z) => z.state === 'FullDisruption');
