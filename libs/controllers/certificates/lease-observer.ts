// Feeds LeaseObservations from an informer on the node leases: every node lease there is at
// start-up counts as just renewed, then each change of one as it comes; a deleted lease is forgotten.
import type { Lease } from '@kubenest/api/coordination/lease/lease.strategy';
import { NODE_LEASE_NAMESPACE } from '@kubenest/auth/authz';
import { SharedInformer } from '../informer';
import { LeaseObservations } from './lease-observations';
import { LeaseRenewals } from './node-liveness';

export interface LeaseObserverDeps {
  /** An informer on the leases (in kube-node-lease; others are passed over). */
  leases: SharedInformer<Lease>;
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
  const observe = (lease: Lease): void => {
    if (lease.metadata.namespace === NODE_LEASE_NAMESPACE) observations.observe(lease);
  };
  const handler = deps.leases.addEventHandler({
    add: observe,
    update: (_old, lease) => observe(lease),
    delete: (lease) => {
      if (lease.metadata.namespace === NODE_LEASE_NAMESPACE) observations.forget(lease.metadata.name ?? '');
    },
  });
  return {
    synced: deps.leases.waitForSync().then(() => undefined),
    renewal: (nodeName) => observations.renewal(nodeName),
    sinceRenewalMs: (nodeName) => observations.sinceRenewalMs(nodeName),
    stop: () => handler.remove(),
  };
};
