// When this apiserver last saw each node's Lease renewed, by its own clock, as kube's node lifecycle
// controller keeps nodeHealthData.probeTimestamp: a node is live while a renewal was seen within the
// grace period. The renewTime a node writes is only compared with the last one seen, never with our
// clock, so neither a node's slow or fast clock nor an apiserver outage decides whether it is live.
import type { Lease } from '@kubenest/api/coordination/lease/lease.strategy';

/** kube-controller-manager's --node-monitor-grace-period default (kubelet's lease duration). */
export const DEFAULT_NODE_MONITOR_GRACE_PERIOD_SECONDS = 40;

export interface LeaseRenewal {
  /** How long ago, by this apiserver's clock, the lease was last seen renewed (ms). */
  sinceMs: number;
  /** How much longer the node counts as live without another renewal (ms). */
  remainingMs: number;
}

interface Observation {
  renewTime: string;
  /** Our clock's reading when this renewTime was first seen. */
  seenAt: number;
  durationMs: number;
}

export class LeaseObservations {
  private readonly seen = new Map<string, Observation>();

  constructor(
    private readonly options: {
      gracePeriodMs: number;
      /** A clock that only moves forward (performance.now()), in ms. */
      now: () => number;
    },
  ) {}

  /**
   * A node's lease as added or changed. Seen for the first time (at start-up, every lease there
   * is), or with another renewTime than the last seen, it counts as renewed now. kube's controller
   * asks for a later renewTime; any other one will do here, so that a node whose clock was set
   * back is not taken for dead until its clock catches up. Only the node and admins write it.
   */
  observe(lease: Lease): void {
    const name = lease.metadata.name;
    if (!name) return;
    const renewTime = lease.spec?.renewTime;
    // Never renewed: nobody holds it.
    if (!renewTime) return void this.seen.delete(name);
    const last = this.seen.get(name);
    this.seen.set(name, {
      renewTime,
      seenAt: last?.renewTime === renewTime ? last.seenAt : this.options.now(),
      durationMs: (lease.spec?.leaseDurationSeconds ?? 0) * 1000,
    });
  }

  forget(name: string): void {
    this.seen.delete(name);
  }

  /**
   * How long ago the lease was last seen renewed, live or not, as kube's node lifecycle controller
   * compares its probe timestamp with the grace period alone (the lease's own duration aside).
   */
  sinceRenewalMs(name: string): number | undefined {
    const observation = this.seen.get(name);
    return observation && this.options.now() - observation.seenAt;
  }

  /**
   * The node's last renewal while it is live: seen no longer ago than the grace period, or the
   * lease's own duration when that is longer (a holder renews within its duration).
   */
  renewal(name: string): LeaseRenewal | undefined {
    const observation = this.seen.get(name);
    if (!observation) return undefined;
    const sinceMs = this.options.now() - observation.seenAt;
    const remainingMs = Math.max(this.options.gracePeriodMs, observation.durationMs) - sinceMs;
    // As kube's controller: unhealthy only once now is after the probe time plus the grace period.
    return remainingMs >= 0 ? { sinceMs, remainingMs } : undefined;
  }
}
