// When the node lifecycle loop last heard from each node, as kube's nodeHealthData.probeTimestamp:
// its Lease seen renewed (the apiserver's lease observer) or its Ready condition's heartbeat seen
// changed, whichever is later, by this process's clock. A node first seen counts as heard from now,
// so that every node gets a full grace period when the loop starts.
import type { Node } from '@kubenest/api/core/types';
import { ObjectMemory } from '../loop';
import { readyCondition } from './node-conditions';

export interface NodeProbesDeps {
  /** How long ago the node's Lease was seen renewed, whatever its own duration (LeaseRenewals). */
  sinceRenewalMs: (nodeName: string) => number | undefined;
  /** A clock that only moves forward (performance.now()), in ms. */
  now: () => number;
  /** Whether the node of this name still exists (its memory is dropped once not). */
  exists: (nodeName: string) => boolean;
}

export class NodeProbes {
  private readonly heartbeats: ObjectMemory<{ heartbeat: string | undefined; seenAt: number }>;

  constructor(private readonly deps: NodeProbesDeps) {
    this.heartbeats = new ObjectMemory(deps.exists);
  }

  /** How long ago this node was last heard from (ms). */
  sinceProbeMs(node: Node): number {
    const name = node.metadata.name ?? '';
    const now = this.deps.now();
    const heartbeat = readyCondition(node)?.lastHeartbeatTime;
    let seen = this.heartbeats.get(name);
    if (!seen || seen.heartbeat !== heartbeat) {
      seen = { heartbeat, seenAt: now };
      this.heartbeats.set(name, seen);
    }
    return Math.min(now - seen.seenAt, this.deps.sinceRenewalMs(name) ?? Infinity);
  }
}
