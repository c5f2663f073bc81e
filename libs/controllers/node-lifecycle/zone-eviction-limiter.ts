// One token bucket per zone at the rate its state calls for, rebuilt (full) when the rate changes,
// as kube's zoneNoExecuteTainter swaps its limiter: a node is tainted NoExecute only with a token.
import type { Node } from '@kubenest/api/core/types';
import { TokenBucket } from './token-bucket';
import { allFullyDisrupted, EvictionSettings, zoneEvictionRate, zoneKey, zoneStates } from './zone-disruption';

export class ZoneEvictionLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly settings: EvictionSettings,
    /** A clock in ms that only moves forward. */
    private readonly now: () => number,
  ) {}

  /** Whether every zone is fully disrupted, given every node's Ready condition: then nothing is tainted. */
  allZonesDown(nodes: Node[]): boolean {
    return allFullyDisrupted(zoneStates(nodes, this.settings));
  }

  /** Takes a token of the node's zone: 0 when it may be tainted now, else how long until it may (ms; Infinity: not at this rate). */
  tryAccept(node: Node, nodes: Node[]): number {
    const zone = zoneKey(node);
    const { state, size } = zoneStates(nodes, this.settings).get(zone) ?? { state: 'Normal' as const, size: 0 };
    const qps = zoneEvictionRate(state, size, this.settings);
    let bucket = this.buckets.get(zone);
    if (bucket?.qps !== qps) {
      bucket = new TokenBucket(qps, this.now);
      this.buckets.set(zone, bucket);
    }
    return bucket.tryAccept();
  }
}
