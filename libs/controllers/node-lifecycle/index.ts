// The node lifecycle loop: node health from Leases and heartbeats, conditions, taints, zone pacing.
export { NODE_CONTROLLER, nodeLifecycleLoop } from './node-lifecycle.loop';
export type { NodeLifecycleLoopOptions } from './node-lifecycle.loop';
export { DEFAULT_EVICTION_SETTINGS } from './zone-disruption';
export type { EvictionSettings, ZoneState } from './zone-disruption';
