// Feeds LeaseObservations from the leases' watch cache: every node lease there is at start-up
// counts as just renewed, then each change of one as it comes; a deleted lease is forgotten.
import type { Lease } from '@kubenest/api/coordination/lease/lease.strategy';
import { NODE_LEASE_NAMESPACE } from '@kubenest/auth/authz';
import { ResourceEntry } from '@kubenest/registry';
import { startInformer } from '../informer';
import { LeaseObservations } from './lease-observations';
import { LeaseRenewals } from './node-liveness';

export interface LeaseObserverDeps {
  /** The leases store and cache. */
  leases: ResourceEntry;
  /** kube-controller-manager's --node-monitor-grace-period. */
  gracePeriodSeconds: number;
  /** Default: performance.now(), which a change of the system's wall clock does not move. */
  now?: () => number;
}

export interface LeaseObserver extends LeaseRenewals {
  stop(): void;
}

export const startLeaseObserver = (deps: LeaseObserverDeps): LeaseObserver => {
  const observations = new LeaseObservations({
    gracePeriodMs: deps.gracePeriodSeconds * 1000,
    now: deps.now ?? (() => performance.now()),
  });
  const informer = startInformer(deps.leases.cache, (type, obj) => {
    if (obj.metadata.namespace !== NODE_LEASE_NAMESPACE) return;
    if (type === 'DELETED') observations.forget(obj.metadata.name ?? '');
    else observations.observe(obj as Lease);
  });
  return {
    synced: informer.synced,
    renewal: (nodeName) => observations.renewal(nodeName),
    stop: () => informer.stop(),
  };
};
